mkdir -p /tmp/a/b
touch /tmp/a/b/c
ls -la /tmp/a
rm -rf /tmp/a
echo hi > /tmp/x && cat /tmp/x | wc -l
rmdir /tmp
pwd
cd ~
hostname
whoami
