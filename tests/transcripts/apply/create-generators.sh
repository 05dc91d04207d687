# kubectl create namespace / deployment: the generators' objects.
# Upstream: staging/src/k8s.io/kubectl/pkg/cmd/create/create_namespace.go,
# create_deployment.go (labels app=NAME, container named after the image).
kubectl create namespace lab
kubectl create namespace lab
kubectl create deployment web --image=nginx:1.27 --replicas=2
kubectl create deployment web --image=nginx
kubectl create deployment api
kubectl create deployment api --image=registry.k8s.io/pause:3.10 -n lab
kubectl create secret generic x
