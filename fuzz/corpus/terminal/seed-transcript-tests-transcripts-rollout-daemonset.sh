# A DaemonSet's rollout: a new image rolls out node by node, its history, undo.
# Upstream: pkg/polymorphichelpers/{rollout_status,history,rollback}.go
# (DaemonSetStatusViewer, DaemonSetHistoryViewer over ControllerRevisions,
# DaemonSetRollbacker), pkg/controller/daemon/update.go (constructHistory).
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
      tolerations:
      - key: node-role.kubernetes.io/master
        operator: Exists
        effect: NoSchedule
      containers:
      - name: agent
        image: busybox:1.36
EOF
kubectl rollout status ds/agent
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
      tolerations:
      - key: node-role.kubernetes.io/master
        operator: Exists
        effect: NoSchedule
      containers:
      - name: agent
        image: busybox:1.37
EOF
kubectl rollout status daemonset agent
kubectl rollout history ds/agent
kubectl rollout undo ds/agent
kubectl rollout status ds/agent
kubectl rollout history ds/agent
kubectl get pods -o wide
