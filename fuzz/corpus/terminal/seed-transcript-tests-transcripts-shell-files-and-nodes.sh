# The host shell: files in the workspace, ssh to a node and back, unknown commands
# (bash's "command not found", status 127), time passing with sleep.
cat > notes.txt <<EOF
taints keep pods away
EOF
cat notes.txt
ls
ssh worker
hostname
exit
ssh nowhere
kubectl frobnicate
sleep 30
