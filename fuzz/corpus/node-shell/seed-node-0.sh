cd /etc/kubernetes/manifests
ls -la
cat > web.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx
EOF
cp web.yaml /tmp/web.yaml
mv /tmp/web.yaml web2.yaml
grep -c name web.yaml
crictl pods | grep web
