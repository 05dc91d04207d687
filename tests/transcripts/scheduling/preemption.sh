# DefaultPreemption: a high-priority pod that fits nowhere takes the place of a
# lower-priority one, which is deleted with a Preempted event; the preemptor is
# nominated to the node and then runs there. A pod with preemptionPolicy: Never
# waits instead, and says why.
# Upstream: pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go
# (PostFilter, SelectVictimsOnNode, PodEligibleToPreemptOthers: "not eligible due
# to preemptionPolicy=Never."), pkg/scheduler/framework/preemption/preemption.go
# (Preempt, pickOneNodeForPreemption, prepareCandidate: the DisruptionTarget
# condition and "Preempted by pod %v on node %v"), pkg/scheduler/framework/types.go
# (FitError.Error), staging/src/k8s.io/kubectl/pkg/describe/describe.go
# (describePod: "NominatedNodeName:"), pkg/printers/internalversion/printers.go
# (printPod: NOMINATED NODE).
kubectl apply -f - <<EOF
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: critical-batch
value: 100000
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: polite
value: 100000
preemptionPolicy: Never
EOF
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: filler
spec:
  containers:
  - name: c
    image: nginx
    resources:
      requests:
        cpu: "3"
EOF
sleep 5
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: waits
spec:
  priorityClassName: polite
  containers:
  - name: c
    image: nginx
    resources:
      requests:
        cpu: "2"
EOF
kubectl get pods -o wide
kubectl describe pod waits
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: urgent
spec:
  priorityClassName: critical-batch
  containers:
  - name: c
    image: nginx
    resources:
      requests:
        cpu: "2"
EOF
kubectl get events --field-selector reason=Preempted
kubectl get pods -o wide
sleep 5
kubectl get pods -o wide
kubectl describe pod urgent
