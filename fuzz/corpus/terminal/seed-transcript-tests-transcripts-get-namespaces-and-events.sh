# kubectl get for namespaces and events on the tutorial cluster: the namespace
# table and its automatic label, the events the kubelets and the node controller
# recorded (in the API server's name order), -o wide, field selectors on events,
# and ages after time passes.
# Upstream formats checked:
#   pkg/printers/internalversion/printers.go: printNamespace, printEvent,
#     formatEventSource (eventColumnDefinitions: NAME is a priority-1 column)
#   staging/src/k8s.io/client-go/tools/record/event.go: makeEvent (event names
#     "<object>.<unix nanoseconds in hex>", which order the list)
#   pkg/apis/core/v1/conversion.go: AddFieldLabelConversionsForEvent
#   staging/src/k8s.io/cli-runtime/pkg/printers/tableprinter.go: decorateTable
#     (NAMESPACE column with -A)
kubectl get namespaces
kubectl get ns default --show-labels
sleep 30
kubectl get events
kubectl get ev --field-selector involvedObject.name=worker,reason=Starting -o wide
kubectl get events -A --field-selector type=Warning
kubectl get events -n kube-system
