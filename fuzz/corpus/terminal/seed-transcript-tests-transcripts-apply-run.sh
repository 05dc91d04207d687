# kubectl run: one bare pod, labelled run=NAME, its container named after it.
# Upstream: staging/src/k8s.io/kubectl/pkg/cmd/run/run.go and
# generate/versioned/run.go (BasicPod); the name printer's "created".
kubectl run nginx --image=nginx
kubectl run nginx --image=nginx
kubectl run web --image=nginx:1.27 --port=80 --labels=app=web,tier=front --dry-run=client -o yaml
kubectl run job --image=busybox --restart=Never --dry-run=client
kubectl run nameless
kubectl get pods --show-labels
