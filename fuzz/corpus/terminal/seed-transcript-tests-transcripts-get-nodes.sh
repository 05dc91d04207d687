# kubectl get nodes on the tutorial cluster: the table, -o wide, one node by name
# and by TYPE/NAME, labels (--show-labels, -L), label and field selectors, -o name,
# --sort-by with --show-kind, and ages on the simulated clock.
# Upstream formats checked:
#   pkg/printers/internalversion/printers.go: printNode, findNodeRoles,
#     getNodeInternalIP, getNodeExternalIP (nodeColumnDefinitions, priority-1 columns)
#   staging/src/k8s.io/cli-runtime/pkg/printers/tableprinter.go: printTable,
#     decorateTable, formatLabelHeaders, labelValues (labels.FormatLabels)
#   staging/src/k8s.io/cli-runtime/pkg/printers/name.go: NamePrinter.PrintObj
#   staging/src/k8s.io/kubectl/pkg/cmd/get/sorter.go: TableSorter, isLess
#   staging/src/k8s.io/apimachinery/pkg/util/duration: HumanDuration (AGE)
kubectl get nodes
kubectl get nodes -o wide
kubectl get no master
kubectl get node/worker --show-labels
kubectl get nodes -L kubernetes.io/hostname,kubernetes.io/arch -L missing
kubectl get nodes -l node-role.kubernetes.io/master
kubectl get nodes -l '!node-role.kubernetes.io/master' --no-headers
kubectl get nodes --field-selector metadata.name=worker -o name
kubectl get nodes --sort-by=.metadata.name --show-kind
sleep 3m
kubectl get nodes
