# kubectl label and annotate on nodes and pods.
# Upstream: staging/src/k8s.io/kubectl/pkg/cmd/label/label.go (parseLabels,
# validateNoOverwrites, updateDataChangeMsg: "labeled", "not labeled",
# "unlabeled"; "label %q not found."), cmd/annotate/annotate.go, and
# cmd/util/helpers.go GetResourcesAndPairs.
kubectl label nodes worker disktype=ssd
kubectl label nodes worker disktype=hdd
kubectl label nodes worker disktype=hdd --overwrite
kubectl label node/worker disktype=hdd --overwrite
kubectl label nodes worker disktype-
kubectl label nodes worker disktype-
kubectl label nodes worker
kubectl label nodes worker a=b x
kubectl label nodes worker a=b a-
kubectl label nodes worker "bad key=1"
kubectl label nodes nowhere a=b
kubectl label nodes --all zone=lab
kubectl annotate node worker note=hello
kubectl annotate node worker note=again
kubectl annotate node worker note=again --overwrite
kubectl annotate node worker note-
