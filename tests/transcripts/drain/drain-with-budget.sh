# cluster: three-nodes.yaml
# Draining a node whose pods a PodDisruptionBudget protects: each eviction the
# budget refuses is tried again every 5 seconds, while the replacements start
# elsewhere; --timeout gives up.
# Upstream: staging/src/k8s.io/kubectl/pkg/drain/drain.go (evictPods: "evicting
# pod %s/%s", "error when evicting pods/%q -n %q (will retry after 5s): %v",
# "error when evicting pods/%q -n %q: global timeout reached: %v"),
# pkg/registry/core/pod/storage/eviction.go (checkAndDecrement: "Cannot evict
# pod as it would violate the pod's disruption budget."),
# staging/src/k8s.io/kubectl/pkg/cmd/drain/drain.go (RunDrain: "node/%s drained",
# "unable to drain node").
kubectl cordon kind-worker2
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector:
    matchLabels: {app: web}
EOF
sleep 30
kubectl uncordon kind-worker2
kubectl get pods -o wide
kubectl get pdb web
kubectl drain kind-worker
kubectl get pods -o wide
kubectl drain kind-worker2 --timeout=12s
kubectl get pdb web
kubectl get pods -o wide
kubectl drain kind-worker2 --timeout=forever
