# files: ../apply/redis-ds.yaml
# cordon, uncordon and drain on the tutorial cluster.
# Upstream: staging/src/k8s.io/kubectl/pkg/cmd/drain/drain.go (RunCordonOrUncordon:
# "cordoned", "already cordoned"; RunDrain: "unable to drain node ..., aborting
# command...", "There are pending nodes to be drained:"; deleteOrEvictPodsSimple),
# staging/src/k8s.io/kubectl/pkg/drain/filters.go (the refusals and warnings),
# pkg/drain/drain.go (evictPods: "evicting pod NS/NAME", then "pod/NAME evicted").
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: agent
        image: busybox
---
apiVersion: v1
kind: Pod
metadata:
  name: bare
spec:
  containers:
  - name: c
    image: nginx
EOF
kubectl cordon
kubectl cordon worker
kubectl cordon worker
kubectl uncordon worker
kubectl uncordon worker
kubectl cordon nowhere
kubectl drain worker
kubectl drain worker --ignore-daemonsets
kubectl drain worker --ignore-daemonsets --force
kubectl drain worker --ignore-daemonsets --force
kubectl uncordon worker
