kubectl taint nodes worker-1 disk=slow:PreferNoSchedule
kubectl create deployment web --image=nginx --replicas=3
kubectl cordon worker-2
kubectl scale deployment web --replicas=5
