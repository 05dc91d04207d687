# kubectl delete by name, TYPE/NAME, label, --all, file, with grace periods.
# Upstream: staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go (Complete,
# Validate, PrintObj: `KIND "NAME" deleted from NS namespace` since v1.34, PR
# #126619; "force deleted"; the immediate deletion warning; "No resources
# found"), cli-runtime/pkg/resource/builder.go
# ("resource(s) were provided, but no name was specified").
kubectl create deployment web --image=nginx --replicas=2
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: solo
  labels: {tier: test}
spec:
  containers:
  - name: c
    image: nginx
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  a: "1"
EOF
kubectl delete
kubectl delete pods
kubectl delete pod nowhere
kubectl delete pod nowhere --ignore-not-found
kubectl delete pods -l tier=test
kubectl delete pods -l tier=test
kubectl delete configmap/settings
kubectl delete deploy web --grace-period=0 --force
kubectl get pods
kubectl delete pod x --force --grace-period=5
kubectl delete pods --all --selector a=b
