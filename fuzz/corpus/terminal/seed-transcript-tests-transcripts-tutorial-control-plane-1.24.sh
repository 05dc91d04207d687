# cluster: kind-1.24.yaml
# files: redis-ds-tolerations.yaml
# In v1.24 kubeadm put both taints on the control plane: tolerating the old
# master taint is no longer enough.
kubectl get nodes
kubectl describe node kind-control-plane
kubectl apply -f redis-ds-tolerations.yaml
kubectl get pods -o wide
kubectl taint node kind-control-plane node-role.kubernetes.io/control-plane:NoSchedule-
kubectl get pods -o wide
