systemctl status kubelet
systemctl stop kubelet
systemctl is-active kubelet
crictl ps -a
systemctl start kubelet
journalctl -u kubelet | tail -n 3
