//! Objects several lessons start from, as string literals for `concat!`, so that
//! a lesson's setup is one `&'static str` and each object is written once.

/// The `node-agent` DaemonSet (busybox, no tolerations of its own).
macro_rules! node_agent_daemon_set {
    () => {
        "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      containers:
        - name: agent
          image: busybox
"
    };
}

/// The `web` Deployment (nginx) with `$replicas` replicas.
macro_rules! web_deployment {
    ($replicas:literal) => {
        concat!(
            "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ",
            $replicas,
            "
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx
"
        )
    };
}
