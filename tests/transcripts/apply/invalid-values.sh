# Values the API server refuses, integer flags pflag refuses, and quantities
# past int64 that parse, compare and never fit.
# Upstream: pkg/apis/core/validation/validation.go (ValidateResourceRequirements,
# ValidateNonnegativeQuantity, validateContainerPorts with IsValidPortNum),
# pkg/apis/apps/validation (spec.replicas: ValidateNonnegativeField),
# k8s.io/apimachinery/pkg/api/resource (ParseQuantity: ErrFormatWrong; BinarySI
# capped at 2^63-1), spf13/pflag (InvalidValueError around strconv.ParseInt's
# NumError), kubectl run.go (Validate: "--port must be a number"; int32(port)),
# scale.go (Validate), create_deployment.go ("failed to create deployment: %v").
# taintlab's own limit: spec.replicas at most 10000 (core/src/limits.rs).
# files: invalid-values.yaml
kubectl apply -f invalid-values.yaml
kubectl get pod huge -o jsonpath='{.spec.containers[0].resources.requests}{"\n"}'
kubectl get pod huge
kubectl run web --image=nginx --port=-1
kubectl run web --image=nginx --port=http
kubectl run web --image=nginx --port=4294967376 --dry-run=client -o yaml
kubectl create deployment web --image=nginx --replicas=99999999999
kubectl create deployment web --image=nginx --replicas=20000
kubectl create deployment web --image=nginx --replicas=2 --port=8080
kubectl scale deployment web --replicas=99999999999999999999
kubectl scale deployment web --replicas=3x
kubectl scale deployment web --replicas=20000
kubectl scale deployment web --replicas=0x3
kubectl get deployment web
kubectl delete pod huge --grace-period=1.5
