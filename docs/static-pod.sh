# A static pod: the kubelet on the worker runs what its manifest directory holds.
ssh worker
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
exit
sleep 5
ssh worker crictl pods
docker exec -it worker bash
systemctl stop kubelet
systemctl is-active kubelet
rm /etc/kubernetes/manifests/web.yaml
crictl ps
exit
