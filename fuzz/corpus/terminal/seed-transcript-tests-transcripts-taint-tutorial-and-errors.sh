# kubectl taint as the tutorial uses it, then its refusals.
# Upstream: staging/src/k8s.io/kubectl/pkg/cmd/taint/taint.go (Complete, Validate,
# updateTaints) and utils.go (parseTaints, parseTaint, reorganizeTaints,
# deleteTaints, checkIfTaintsAlreadyExists); output by the name printer
# ("node/NAME <operation>"); errors through cmdutil.CheckErr ("error: ...").
kubectl taint node master node-role.kubernetes.io/master:NoSchedule-
kubectl taint node master node-role.kubernetes.io/master:NoSchedule-
kubectl taint node master node-role.kubernetes.io/master:NoSchedule
kubectl taint node master node-role.kubernetes.io/master:NoSchedule
kubectl taint node master node-role.kubernetes.io/master:NoSchedule --overwrite
kubectl taint nodes worker dedicated=gpu:NoSchedule dedicated=gpu:NoExecute
kubectl taint nodes worker dedicated-
kubectl taint nodes worker dedicated-
kubectl taint pods x a=b:NoSchedule
kubectl taint nodes worker a=b:Bogus
kubectl taint nodes worker a=b
kubectl taint nodes
kubectl taint nodes worker
kubectl taint nodes a=b:NoSchedule x
kubectl taint nodes nowhere a=b:NoSchedule
kubectl taint nodes --all --selector x=y a=b:NoSchedule
kubectl taint nodes worker a:NoSchedule a-
kubectl taint nodes worker a=1:NoSchedule a=2:NoSchedule
kubectl taint no --all spot=true:PreferNoSchedule
kubectl taint no -l kubernetes.io/hostname=worker spot-
kubectl taint nodes worker --bogus
