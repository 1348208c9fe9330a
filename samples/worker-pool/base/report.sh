#!/bin/sh
# Serves a summary of the results: how many jobs are done and by which worker.
set -u
mkdir -p /www/cgi-bin
cat > /www/cgi-bin/summary <<'CGI'
#!/bin/sh
echo "Content-Type: text/plain"
echo
echo "done: $(ls /results | wc -l)"
cat /results/* 2>/dev/null | awk '{print $NF}' | sort | uniq -c
CGI
chmod 0755 /www/cgi-bin/summary
echo '<a href="/cgi-bin/summary">summary</a>' > /www/index.html
exec httpd -f -p 8080 -h /www
