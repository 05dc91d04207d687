# A static pod, as the tutorial makes one: log in to the worker, write a manifest
# into the kubelet's staticPodPath, leave, and let the kubelet start it.
# Formats: bash's exit over ssh (`logout`, then OpenSSH's "Connection to %s
# closed."); crictl's tables per cri-tools cmd/crictl/sandbox.go and container.go
# (tabwriter minwidth 20, padding 3; ids cut to 13; go-units HumanDuration ages).
cat /var/lib/kubelet/config.yaml
ls /etc/kubernetes/manifests
cat > /etc/kubernetes/manifests/web.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:alpine
EOF
ls /etc/kubernetes/manifests
sleep 5
crictl pods
crictl ps
crictl images
