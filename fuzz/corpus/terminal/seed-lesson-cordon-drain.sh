kubectl cordon worker-1
kubectl drain worker-1 --ignore-daemonsets
kubectl uncordon worker-1
kubectl scale deployment web --replicas=4
