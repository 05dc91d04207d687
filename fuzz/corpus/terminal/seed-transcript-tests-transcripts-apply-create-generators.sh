# kubectl create namespace / deployment: the generators' objects.
# Upstream: staging/src/k8s.io/kubectl/pkg/cmd/create/create_namespace.go,
# create_deployment.go (labels app=NAME, container named after the image; with
# --dry-run=client -o yaml the generated object, creationTimestamp: null up to 1.33).
kubectl create namespace lab
kubectl create namespace lab
kubectl create deployment web --image=nginx:1.27 --replicas=2
kubectl create deployment web --image=nginx
kubectl create deployment api
kubectl create deployment api --image=registry.k8s.io/pause:3.10 -n lab
kubectl create secret generic x
kubectl create deployment redis-deploy --image=redis:5-alpine --dry-run=client -o yaml
kubectl create deployment web --image=nginx --port=80 --replicas=2 -n lab --dry-run=client -o yaml
kubectl create namespace scratch --dry-run=client -o yaml
kubectl create deployment tmp --image=nginx --dry-run=client
kubectl create deployment tmp --image=nginx --dry-run=client -o name
kubectl get deployment tmp
