# cluster: kind.yaml
# kubectl get nodes on a kind cluster of four nodes of Kubernetes v1.24: both
# control-plane role labels, extra labels from the config, label columns, set-based
# selectors, all namespaces, and several types in one command (blank line between
# tables, TYPE/NAME names).
# Upstream formats checked:
#   pkg/printers/internalversion/printers.go: printNode, findNodeRoles (sorted,
#     comma-joined), printNamespace
#   staging/src/k8s.io/apimachinery/pkg/labels/selector.go: Parse, Requirement.Matches
#   staging/src/k8s.io/kubectl/pkg/cmd/get/get.go: Run (separatorWriterWrapper,
#     multipleGVKsRequested)
#   staging/src/k8s.io/cli-runtime/pkg/printers/tableprinter.go: decorateTable
kubectl get nodes
kubectl get nodes -L tier,disk -l 'tier in (web,db)'
kubectl get nodes -l 'tier notin (web),!node-role.kubernetes.io/control-plane' -o name
kubectl get nodes,namespaces
kubectl get node/demo-worker ns/default no/demo-control-plane --no-headers
kubectl get nodes --sort-by='{.metadata.labels.tier}'
