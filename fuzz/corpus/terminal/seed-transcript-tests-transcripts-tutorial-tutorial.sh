# files: redis-ds.yaml redis-ds-tolerations.yaml
# The tutorial's whole path on its two-node cluster: a DaemonSet stays off the
# tainted master, the taint goes and comes back, a toleration instead, and a
# static pod written on a node over ssh.
kubectl get nodes
kubectl apply -f redis-ds.yaml
kubectl get pods -o wide
kubectl describe node master
kubectl taint node master node-role.kubernetes.io/master:NoSchedule-
sleep 5
kubectl get pods -o wide
kubectl taint node master node-role.kubernetes.io/master:NoSchedule
kubectl get ds
kubectl delete ds redis-ds
kubectl apply -f redis-ds-tolerations.yaml
sleep 5
kubectl get pods -o wide
ssh worker
cat > /etc/kubernetes/manifests/static-web.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: static-web
spec:
  containers:
  - name: web
    image: nginx
EOF
exit
sleep 5
kubectl get pods -o wide
kubectl taint node worker dedicated=special:NoExecute
kubectl get pods -o wide
