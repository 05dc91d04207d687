# The kubelet's own admission check: a pod written with spec.nodeName skips the
# scheduler, and the kubelet refuses it when it does not fit in what the node's
# admitted pods leave: Failed, reason OutOfcpu (or OutOfmemory, OutOfpods), the
# InsufficientResourceError text behind "Pod was rejected: ", and a Warning event
# from the kubelet. A refused pod holds nothing, so a smaller one still fits.
# Upstream: pkg/kubelet/lifecycle/predicate.go (predicateAdmitHandler.Admit,
# generalFilter, InsufficientResourceError.Error, OutOfCPU = "OutOfcpu"),
# pkg/scheduler/framework/plugins/noderesources/fit.go (fitsRequest),
# pkg/kubelet/kubelet.go (rejectPod: "Pod was rejected: " + message),
# pkg/printers/internalversion/printers.go (printPod: STATUS is status.reason).
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: first
spec:
  nodeName: worker
  containers:
  - name: c
    image: nginx
    resources:
      requests:
        cpu: "2"
EOF
sleep 5
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: second
spec:
  nodeName: worker
  containers:
  - name: c
    image: nginx
    resources:
      requests:
        cpu: "3"
EOF
sleep 1
kubectl get pods -o wide
kubectl get pod second -o jsonpath='{.status.phase} {.status.reason}: {.status.message}{"\n"}'
kubectl get events --field-selector reason=OutOfcpu
kubectl describe pod second
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: third
spec:
  nodeName: worker
  containers:
  - name: c
    image: nginx
    resources:
      requests:
        cpu: "2"
EOF
sleep 5
kubectl get pods -o wide
