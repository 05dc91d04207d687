# kubectl explain over the OpenAPI v3 documents of the simulated kinds.
# Layout: staging/src/k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl
# (GROUP/KIND/VERSION header; FIELD with typeGuess and ENUM; DESCRIPTION through
# `wrap 76 | indent 4`; FIELDS as "name<TAB><type>" with "enum:" lines, limited to 4
# values); wrap and indent: staging/src/k8s.io/kubectl/pkg/explain/v2/funcs.go
# (line breaks removed since PR #126533, then github.com/mitchellh/go-wordwrap).
# Field descriptions: staging/src/k8s.io/api/core/v1/types.go and apps/v1/types.go.
# Errors: staging/src/k8s.io/kubectl/pkg/cmd/explain/explain.go (Validate), the
# template's throw "field %q does not exist" (after the header was written).
kubectl explain pod.spec.tolerations
kubectl explain node.spec.taints.effect
kubectl explain daemonset.spec --recursive
kubectl explain pods.spec.nodeSelectr
kubectl explain pods spec
kubectl explain
