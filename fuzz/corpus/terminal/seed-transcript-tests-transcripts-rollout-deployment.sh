# A Deployment scaled, restarted, rolled back; a DaemonSet's rollout status.
# Upstream: staging/src/k8s.io/kubectl/pkg/cmd/scale/scale.go ("scaled",
# "Expected replicas to be ..."), cmd/rollout/*.go and
# pkg/polymorphichelpers/{rollout_status,history,rollback,objectrestarter}.go
# (the status messages, "REVISION  CHANGE-CAUSE", "rolled back", "restarted").
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
        image: nginx:1.27
EOF
kubectl rollout status deployment/web
kubectl scale deployment web --replicas=3
kubectl scale deployment web --current-replicas=2 --replicas=4
kubectl scale deployment web
kubectl scale ds web --replicas=2
kubectl rollout restart deployment web
kubectl rollout status deploy/web
kubectl rollout history deployment/web
kubectl rollout undo deployment/web
kubectl rollout history deployment/web
kubectl rollout undo deployment/nowhere
kubectl rollout restart pod/x
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
EOF
kubectl rollout status ds/agent
