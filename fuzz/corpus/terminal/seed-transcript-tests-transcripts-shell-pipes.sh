# files: redis-ds.yaml
# Pipelines: kubectl's output through the filters a learner types after |.
kubectl describe node master | grep Taints
kubectl describe node master | grep -A2 -i taints
kubectl get nodes | grep -c Ready
kubectl get nodes | grep -vw master
kubectl get nodes --no-headers | wc -l
kubectl get pods | grep redis
cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx
EOF
kubectl get pods -o wide | head -1
kubectl get pod nope | grep web
kubectl get nodes | grep -E 'master|worker' | tail -n 1
kubectl get nodes | sort
kubectl get nodes | grep -E '(m|w)'
ssh worker
ls /etc/kubernetes | grep mani
exit
# Lists: && runs on success, || on failure, ; always; a syntax error runs nothing.
kubectl get node master && echo found
kubectl get node nope && echo found
kubectl get node nope || echo "no such node"
kubectl cordon worker; kubectl uncordon worker
kubectl cordon worker ; ; kubectl uncordon worker
kubectl get nodes | grep -c SchedulingDisabled || echo none cordoned
# grep reads files too: the workspace's on the host, the node's on a node.
grep -n image redis-ds.yaml
grep -c name redis-ds.yaml nope.yaml
ssh master
grep -i noschedule /etc/kubernetes/manifests/nope.yaml
cat > /etc/kubernetes/manifests/a.yaml <<EOF
kind: Pod
EOF
cat > /etc/kubernetes/manifests/b.yaml <<EOF
kind: Deployment
EOF
grep Pod /etc/kubernetes/manifests/a.yaml /etc/kubernetes/manifests/b.yaml
rm /etc/kubernetes/manifests/a.yaml /etc/kubernetes/manifests/b.yaml
exit
