# -o name, jsonpath, yaml and json, from the API's objects.
# Upstream: staging/src/k8s.io/cli-runtime/pkg/printers/{name,yaml,json,jsonpath}.go,
# staging/src/k8s.io/client-go/util/jsonpath (parser and evaluator), sigs.k8s.io/yaml;
# several objects print as a List (staging/src/k8s.io/kubectl/pkg/cmd/get/get.go: printGeneric).
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx
EOF
kubectl get pods -o name
kubectl get pod web -o jsonpath='{.spec.nodeName}{"\n"}'
kubectl get nodes -o jsonpath='{.items[*].metadata.name}'
kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name}{"\t"}{.spec.taints}{"\n"}{end}'
kubectl get node master -o yaml
kubectl get pod web -o json
kubectl get pods -o jsonpath='{.items[0].status.phase}{"\n"}'
kubectl get pod web -o jsonpath='{.bogus'
