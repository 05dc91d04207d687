# cluster: three-nodes.yaml
# scheduler-config: scheduler-config.yaml
# Two scheduler profiles: the default one spreads pods (LeastAllocated), the
# bin-packing one packs them (MostAllocated). A pod picks its profile with
# spec.schedulerName; its events come from that profile, and a pod naming no
# profile stays Pending with no event.
# Upstream: pkg/scheduler/schedule_one.go (frameworkForPod),
# pkg/scheduler/profile/profile.go (NewMap: a recorder per schedulerName),
# pkg/scheduler/framework/plugins/noderesources/most_allocated.go,
# least_allocated.go, pkg/printers/internalversion/printers.go (printPod),
# staging/src/k8s.io/kubectl/pkg/describe/describe.go (DescribeEvents: From),
# staging/src/k8s.io/client-go/tools/events (NewRecorder: reportingController,
# reportingInstance), pkg/registry/core/pod/strategy.go (ToSelectableFields).
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: load
spec:
  nodeName: kind-worker
  containers:
  - name: c
    image: nginx
    resources:
      requests:
        cpu: "1"
        memory: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: spread
spec:
  containers:
  - name: c
    image: nginx
    resources:
      requests:
        cpu: 100m
        memory: 100Mi
---
apiVersion: v1
kind: Pod
metadata:
  name: packed
spec:
  schedulerName: bin-packing-scheduler
  containers:
  - name: c
    image: nginx
    resources:
      requests:
        cpu: 100m
        memory: 100Mi
---
apiVersion: v1
kind: Pod
metadata:
  name: orphan
spec:
  schedulerName: no-such-scheduler
  containers:
  - name: c
    image: nginx
EOF
sleep 5
kubectl get pods -o wide
kubectl get pods packed -o jsonpath='{.spec.schedulerName}{"\n"}'
kubectl get events --field-selector reason=Scheduled
kubectl describe pod packed | grep Scheduled
kubectl get pods --field-selector spec.schedulerName=bin-packing-scheduler
kubectl get events --field-selector involvedObject.name=orphan
