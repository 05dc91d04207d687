# kubectl get's messages for what it cannot show: no type, unknown types, objects
# not found (after the ones found), empty lists in a namespace or cluster-wide,
# selectors the API server refuses, flag errors, and argument forms it rejects.
# Upstream formats checked:
#   staging/src/k8s.io/kubectl/pkg/cmd/get/get.go: Complete ("You must specify the
#     type of resource to get"), Validate (--show-labels), Run ("No resources found
#     in %s namespace." / "No resources found")
#   staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go: StandardErrorMessage
#     ("Error from server (NotFound): ...")
#   staging/src/k8s.io/cli-runtime/pkg/resource/builder.go: ResourceTypeOrNameArgs,
#     hasCombinedTypeArgs, visitByName, visitBySelector, mappingFor
#   staging/src/k8s.io/cli-runtime/pkg/resource/selector.go + helper.go:
#     EnhanceListError ("Unable to find %q that match label selector %q, ...")
#   staging/src/k8s.io/apimachinery/pkg/labels/selector.go: Parse errors
#   pkg/apis/core/v1/conversion.go: field label conversion ("field label not supported")
#   staging/src/k8s.io/cli-runtime/pkg/genericclioptions/print_flags.go:
#     NoCompatiblePrinterError
#   staging/src/k8s.io/kubectl/pkg/cmd/get/sorter.go: "couldn't find any field with path"
kubectl get
kubectl get bogus
kubectl get nodes master nope
kubectl get pods nope
kubectl get pods
kubectl get pods -n kube-system
kubectl get pods -A
kubectl get nodes -l 'a in b'
kubectl get nodes --field-selector spec.nodeName=x
kubectl get ds,nodes --field-selector spec.unschedulable=false
kubectl get pods --bogus
kubectl get pods -o wdie
kubectl get nodes --show-labels -o name
kubectl get pods x -A
kubectl get pods pod/x
kubectl get pods,ds x
kubectl get nodes --sort-by=.spec.bogus
kubectl get all
kubectl get ds,deploy -A
kubectl get nodes -w
