# cluster: kind-cluster.yaml
# kubectl describe on a three-node kind cluster (v1.33): the control-plane role and
# taint kubeadm sets, and a worker whose kubeadm patch adds two taints, which
# printNodeTaintsMultiline sorts by effect then key (NoExecute before NoSchedule)
# with continuation lines at column 20 (staging/src/k8s.io/kubectl/pkg/describe/describe.go).
kubectl describe node kind-control-plane
kubectl describe nodes -l gpu=true
