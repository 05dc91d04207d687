# kubectl version, api-resources and cluster-info on the tutorial cluster.
# Upstream: staging/src/k8s.io/kubectl/pkg/cmd/version/version.go (the short form
# since v1.28), cmd/apiresources/apiresources.go (columns NAME SHORTNAMES
# APIVERSION NAMESPACED KIND), cmd/clusterinfo/clusterinfo.go.
kubectl version
kubectl version --client
kubectl api-resources
kubectl api-resources --namespaced=false
kubectl api-resources --api-group=apps -o name
kubectl cluster-info
kubectl --help
kubectl logs nginx
kubectl gett pods
