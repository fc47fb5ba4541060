# The shell test runs this with /bin/sh: comments, arguments, $?, cd, exit.
echo script start   # a comment after a command
args one 'two words' "three $?"
false
echo false gave $?
cd /
pwd
nosuchcommand
echo not found gave $?
exit 7
echo not reached
