kubectl taint nodes worker maintenance=true:NoExecute
sleep 60
kubectl taint nodes worker maintenance=true:NoExecute-
