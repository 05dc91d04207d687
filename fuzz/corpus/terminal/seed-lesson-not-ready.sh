ssh worker systemctl stop kubelet
sleep 60
sleep 300
ssh worker systemctl start kubelet
