# Files in the static pod directory: listing, reading, renaming and removing them
# is what the kubelet's file source watches (pkg/kubelet/config/file.go).
# Formats: GNU coreutils in the C locale (ls columns for an 80-column terminal,
# ls -l, rm/mv/cp messages), bash's redirections.
docker exec -it worker bash
cd /etc/kubernetes/manifests
pwd
echo 'apiVersion: v1' > one.yaml
cat >> one.yaml <<EOF
kind: Pod
metadata:
  name: one
spec:
  containers:
  - name: busybox
    image: busybox
EOF
cp one.yaml /root/one.yaml.bak
ls -l
cat one.yaml
sleep 3
crictl pods
mv one.yaml .one.yaml.swp
ls
ls -a
crictl pods
rm .one.yaml.swp
rm one.yaml
rm -r /etc/kubernetes/manifests/
cd ~
ls -a
ls /etc/kubernetes
cat > /etc/kubernetes/manifests/web.yaml <<EOF
kind: Pod
EOF
mkdir /etc/kubernetes/manifests
exit
