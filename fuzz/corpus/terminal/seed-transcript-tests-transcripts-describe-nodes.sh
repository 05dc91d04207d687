# kubectl describe for the tutorial's nodes and namespaces, and describe's errors.
# Layout: staging/src/k8s.io/kubectl/pkg/describe/describe.go (describeNode,
# describeNodeLease, describeNodeResource, printNodeTaintsMultiline, DescribeEvents,
# describeNamespace, tabbedString: text/tabwriter minwidth 0, padding 2); argument
# forms, NotFound and prefix matching: staging/src/k8s.io/kubectl/pkg/cmd/describe/describe.go.
# Machine ID, System UUID and Boot ID are not simulated: upstream prints them empty.
kubectl describe node master
sleep 90
kubectl describe no/worker
# Several objects: two blank lines between them and no events (Run: len(infos) > 1).
kubectl describe nodes
# A name that matches nothing is tried as a prefix (DescribeMatchingResources).
kubectl describe node wor
kubectl describe node nope
kubectl describe nodes -l node-role.kubernetes.io/master --show-events=false
kubectl describe nodes -l disk=ssd
kubectl describe ns kube-system
kubectl describe
kubectl describe bogus
kubectl describe pods
kubectl describe pod/a b
