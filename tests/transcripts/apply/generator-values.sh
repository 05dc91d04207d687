# kubectl run and kubectl create deployment|namespace: flag values are data. An
# image must be a reference, labels and env parse as upstream parses them, and
# whatever YAML characters a value holds, it stays in its one field (quoted as
# yaml.v2 quotes it when printed).
# Upstream (v1.36): staging/src/k8s.io/kubectl/pkg/cmd/run/run.go (Run: "--image
# is required", "Invalid image name %q: %v" with distribution/reference's
# ReferenceRegexp and ErrReferenceInvalidFormat), generate/versioned/run.go
# (parseEnvs: "invalid env: %v"; BasicPod args), generate/generate.go
# (ParseLabels: "unexpected label spec: %s", "unexpected empty label key"),
# cmd/create/create_deployment.go (--image is a StringSlice: pflag's readAsCSV,
# encoding/csv's ParseError), pkg/apis/core/validation (ValidateLabels;
# validateContainers: ValidateDNS1123Label, Duplicate; ValidateNamespace:
# NameIsDNSLabel), apimachinery validation.IsDNS1123Label ("must not contain dots").
kubectl run web --image='nginx # latest'
kubectl run web --image='a: b'
kubectl run web --image=Nginx
kubectl run web --image=
kubectl run web --image=nginx --labels=app=web,tier
kubectl run web --image=nginx --labels==web
kubectl run web --image=nginx --labels='app=a: b'
kubectl run web --image=nginx --env=1X=y
kubectl run 123 --image=busybox --env='GREETING=hello: world' --dry-run=client -o yaml -- sleep 3600
kubectl run a.b --image=nginx
kubectl get pods
kubectl create deployment web --image=nginx,redis:5 --dry-run=client -o yaml
kubectl create deployment web --image='ngi"nx'
kubectl create deployment web --image=nginx:1,nginx:2
kubectl create namespace a.b
kubectl get deployments,namespaces
