# Stopping and starting the kubelet through systemd on a kind node: containers
# keep running without it (crictl talks to containerd, not to the kubelet).
# Formats: systemd 252 `systemctl status` (print_status_info in
# src/systemctl/systemctl-show.c: "preset:", Drop-In tree, Duration for inactive
# units, exit status 3 when not active); kind's kubelet.service and drop-ins from
# kind images/base/files/etc/systemd/system; journal lines in the short format.
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
sleep 30
systemctl status kubelet
systemctl stop kubelet
systemctl is-active kubelet
sleep 60
systemctl status kubelet
crictl pods
systemctl start kubelet
sleep 2
systemctl status kubelet
systemctl restart containerd
systemctl status nginx
exit
