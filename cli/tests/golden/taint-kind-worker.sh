# The change to try: keep kind-worker for the database.
kubectl taint nodes kind-worker dedicated=db:NoExecute
