ssh master
cat > /etc/kubernetes/manifests/static-web.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: static-web
spec:
  containers:
  - name: web
    image: nginx
EOF
exit
kubectl taint nodes master maintenance=true:NoExecute
ssh master rm /etc/kubernetes/manifests/static-web.yaml
