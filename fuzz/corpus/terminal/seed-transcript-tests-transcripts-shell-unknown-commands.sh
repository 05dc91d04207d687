# What bash and the node's tools say to things they do not know.
# Formats: bash ("command not found", status 127; "No such file or directory"
# for a path; builtin cd errors), GNU getopt ("invalid option -- 'z'"),
# systemd's verbs.c, crictl (urfave/cli), and kubectl without a kubeconfig
# (client-go discovery's klog lines from memcache.go, then kubectl's
# "The connection to the server localhost:8080 was refused").
ssh master
frobnicate
vim /etc/kubernetes/manifests/web.yaml
./deploy.sh
cat /etc/kubernetes/manifests/web.yaml
ls -z
cd /nowhere
rm /etc
systemctl frob kubelet
crictl frob
kubectl get pods
exit
frobnicate
