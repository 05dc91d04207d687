# files: redis-ds.yaml
# kubectl apply and create, from a file and from a here-document.
# Upstream: staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go (the name printer's
# "created" / "configured" / "unchanged"; "must specify one of -f and -k";
# "Unexpected args"), cmd/create/create.go (AlreadyExists), cmd/util/helpers.go
# (CheckErr: "The Kind "name" is invalid: ..."; "Error from server (Reason): ...").
kubectl apply -f redis-ds.yaml
kubectl apply -f redis-ds.yaml
kubectl create -f redis-ds.yaml
kubectl apply -f missing.yaml
kubectl apply
kubectl apply pods
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: typo
spec:
  containers:
  - name: c
    image: nginx
  toleration: []
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: mismatch
spec:
  selector:
    matchLabels: {app: a}
  template:
    metadata:
      labels: {app: b}
    spec:
      containers:
      - name: c
        image: nginx
EOF
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: nowhere
spec:
  containers:
  - name: web
    image: nginx
EOF
kubectl apply -f - <<EOF
kind: Pod
metadata: {name: x}
  bad: indent
EOF
kubectl apply --dry-run=client -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: dry
spec:
  containers:
  - name: c
    image: nginx
EOF
