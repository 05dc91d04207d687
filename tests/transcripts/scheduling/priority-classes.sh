# PriorityClasses: the two system classes, a user class, a global default, and
# the Priority admission plugin on pods a client and a controller create.
# Upstream: pkg/printers/internalversion/printers.go (priorityClassColumnDefinitions,
# printPriorityClass: PREEMPTIONPOLICY since v1.32, PR #126529),
# staging/src/k8s.io/kubectl/pkg/describe/describe.go (describePriorityClass,
# describePod: "Priority:", "Priority Class Name:"),
# plugin/pkg/admission/priority/admission.go (admitPod: "no PriorityClass with
# name %v was found", "the integer value of priority (%d) must not be provided
# in pod spec; ...", getDefaultPriority; validatePriorityClass: "PriorityClass %v
# is already marked as default. Only one default can exist"),
# pkg/apis/scheduling/validation/validation.go (ValidatePriorityClass: the
# 'system-' prefix, the highest user-definable value; ValidatePriorityClassUpdate:
# "may not be changed in an update."),
# pkg/registry/scheduling/priorityclass/storage/storage.go (Delete: "this is a
# system priority class and cannot be deleted"),
# pkg/controller/controller_utils.go (CreatePods: FailedCreate "Error creating: ..."),
# staging/src/k8s.io/kubectl/pkg/cmd/create/create_priorityclass.go
# (createPriorityClass; "failed to create priorityclass: %v").
kubectl get priorityclasses
kubectl get pc system-node-critical -o yaml
kubectl describe priorityclass system-cluster-critical
kubectl apply -f - <<EOF
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000000
description: "For the pods that matter most."
preemptionPolicy: Never
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: low
value: 10
globalDefault: true
EOF
kubectl get priorityclass.scheduling.k8s.io
kubectl describe pc high
kubectl apply -f - <<EOF
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: other-default
value: 5
globalDefault: true
EOF
kubectl apply -f - <<EOF
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 2000000
preemptionPolicy: Never
EOF
kubectl apply -f - <<EOF
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: system-important
value: 5
EOF
kubectl apply -f - <<EOF
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: huge
value: 1500000000
EOF
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: important
spec:
  priorityClassName: high
  containers:
  - name: web
    image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: plain
spec:
  containers:
  - name: web
    image: nginx
EOF
kubectl describe pod important plain | grep -i priority
kubectl get pod plain -o jsonpath='{.spec.priority} {.spec.priorityClassName} {.spec.preemptionPolicy}{"\n"}'
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: unknown
spec:
  priorityClassName: missing
  containers:
  - name: web
    image: nginx
EOF
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: given
spec:
  priority: 7
  containers:
  - name: web
    image: nginx
EOF
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      priorityClassName: medium
      containers:
      - name: web
        image: nginx
EOF
kubectl get events --field-selector reason=FailedCreate
kubectl apply -f - <<EOF
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: medium
value: 500
EOF
kubectl get pods -l app=web -o jsonpath='{.items[*].spec.priority}{"\n"}'
kubectl delete pc system-node-critical low
kubectl get pc
kubectl create priorityclass batch --value=100 --description="batch jobs" --preemption-policy=Never
kubectl create pc nightly --value=5 --global-default=true --dry-run=client -o yaml
kubectl create priorityclass huge --value=1500000000
kubectl create priorityclass batch
kubectl get pc batch
