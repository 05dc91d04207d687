# PodDisruptionBudgets and the status the disruption controller gives them.
# Upstream: pkg/printers/internalversion/printers.go (podDisruptionBudgetColumnDefinitions,
# printPodDisruptionBudget: "N/A" for the rule not set),
# staging/src/k8s.io/kubectl/pkg/describe/describe.go (describePodDisruptionBudgetV1),
# pkg/controller/disruption/disruption.go (trySync, getExpectedPodCount,
# countHealthyPods, updatePdbStatus, failSafe; the NoPods, UnmanagedPods and
# CalculateExpectedPodCountFailed events),
# pkg/apis/policy/validation/validation.go (ValidatePodDisruptionBudgetSpec:
# "minAvailable and maxUnavailable cannot be both set", ValidatePositiveIntOrPercent,
# IsNotMoreThan100Percent).
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-min
spec:
  minAvailable: 2
  selector:
    matchLabels: {app: web}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-max
spec:
  maxUnavailable: 50%
  selector:
    matchLabels: {app: web}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: nothing
spec:
  minAvailable: 1
  selector:
    matchLabels: {app: nothing}
EOF
kubectl get pdb
sleep 30
kubectl get poddisruptionbudgets
kubectl describe pdb web-max
kubectl describe poddisruptionbudget nothing
kubectl get pdb web-min -o yaml
kubectl apply -f - <<EOF
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: broken
spec:
  minAvailable: 1
  maxUnavailable: 101%
  selector:
    matchLabels: {app: web}
EOF
kubectl apply -f - <<EOF
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: agents
spec:
  minAvailable: 50%
  selector:
    matchLabels: {name: redis-ds}
EOF
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: redis-ds
spec:
  selector:
    matchLabels: {name: redis-ds}
  template:
    metadata:
      labels: {name: redis-ds}
    spec:
      containers:
      - name: redis
        image: redis:5-alpine
EOF
sleep 10
kubectl describe pdb agents
kubectl get pdb agents -o jsonpath='{.status.conditions[0].reason}: {.status.conditions[0].message}{"\n"}'
kubectl delete pdb nothing
kubectl get pdb -A
