/**
 * The spawn helper's program, in Perl (perl-base: part of every Debian and Ubuntu install, the
 * slim images included). Why a helper at all: fork() copies the page tables of the process
 * that forks, and Node's spawn blocks its event loop until the child has exec'd — for a
 * ~100 MB watcher, ~2 ms of main-thread time per worker, the whole throughput limit. A
 * ~5 MB helper forks for a fraction of that, off the watcher's thread.
 *
 * Why Perl rather than /bin/sh: a shell reports a worker killed by SIGKILL and one that called
 * `exit 137` alike (both 137); Perl's waitpid gives the exact wait status. Perl also reads and
 * writes binary frames and multiplexes every worker's pipes in one process.
 *
 * The protocol (both ways: a frame is a 4-byte big-endian length, then that many bytes):
 *
 *   watcher → helper, the payload's fields separated by NUL bytes (no value can hold one):
 *     B command cwd name=value…   the command, the working directory ("" = the helper's) and
 *                                 the base environment; sent first, once
 *     R id name=value…            start worker `id` with the base environment plus these
 *     C id                        stop reading worker `id`'s output
 *
 *   helper → watcher: one type byte, a 4-byte job id, then the type's data:
 *     S pid                       started (4-byte pid; also its process group id)
 *     O bytes / E bytes           output on stdout / stderr
 *     F errno-name NUL message    could not be started (no S-worker remains; nothing else follows)
 *     X code signal               exited (two signed 4-byte integers; code -1 when signalled)
 *     Z                           its stdout and stderr are closed
 *
 * Each worker: the helper sets the worker's environment in its own (so the child has nothing to
 * copy), forks, and the child takes a session and process group of its own (setsid), default
 * signal dispositions and an empty signal mask, stdin from /dev/null, stdout and stderr to fresh
 * pipes, closes every other descriptor of the helper's, changes directory and execs /bin/sh -c.
 * An exec that fails is reported on one shared close-on-exec pipe (pid, errno name, message)
 * before the child exits, and read when the child is reaped. The pipes are raw descriptors, not
 * Perl handles: each handle costs several system calls to set up, per worker. The helper exits
 * when its stdin closes.
 */

/** The word the helper shows as its process name (ps, /proc/<pid>/cmdline). */
export const spawnHelperName = 'watchbot-spawn-helper';

/** The Perl program, passed with `perl -e`. */
export const spawnHelperScript = String.raw`
use strict;
use warnings;
use POSIX ();
use Fcntl qw(F_GETFL F_SETFL O_NONBLOCK);

$0 = '${spawnHelperName}';
binmode(STDIN);
binmode(STDOUT);

my ($command, $cwd, %base);
my %jobs;      # id => { id, pid, open (pipes still open), fds, dropped, failed, reaped }
my %by_pid;    # pid => job, until reaped
my %readers;   # raw fd => [job, 'O' | 'E']
my $mask = '';  # the descriptors select() watches
my $input = '';
my $failures = '';
my %failed;    # pid => "errno-name\0message", from the failures pipe
my $last = {}; # the variables of the previous worker, still in %ENV

sub nonblocking {
  my ($handle) = @_;
  my $flags = fcntl($handle, F_GETFL, 0) or die "fcntl: $!";
  fcntl($handle, F_SETFL, $flags | O_NONBLOCK) or die "fcntl: $!";
}

# SIGCHLD wakes the select loop through a pipe. Perl runs the handler between operations, so a
# signal that lands just before select() blocks waits for the next wake-up: while any worker is
# unreaped the loop also wakes every 50 ms, and reaps on every pass.
pipe(my $wake_r, my $wake_w) or die "pipe: $!";
nonblocking($_) for $wake_r, $wake_w;
# Children whose exec fails write "pid NUL errno-name NUL message LF" here (close-on-exec: a
# worker that did start never holds it).
pipe(my $failures_r, my $failures_w) or die "pipe: $!";
nonblocking($failures_r);
my $null = POSIX::open('/dev/null', POSIX::O_RDONLY());
defined($null) or die "open /dev/null: $!";
$SIG{CHLD} = sub { syswrite($wake_w, 'x') };
# SIGPIPE keeps its default: a write to a watcher that is gone ends the helper, as it should. (An
# ignored signal would stay ignored in every worker, through exec.)
my $no_signals = POSIX::SigSet->new();
vec($mask, fileno(STDIN), 1) = 1;
vec($mask, fileno($wake_r), 1) = 1;

sub send_frame {
  my ($type, $id, $data) = @_;
  $data = '' unless defined $data;
  my $frame = pack('NCN', 5 + length($data), ord($type), $id) . $data;
  my $offset = 0;
  while ($offset < length($frame)) {
    my $written = syswrite(STDOUT, $frame, length($frame) - $offset, $offset);
    if (!defined $written) {
      next if $!{EINTR};
      POSIX::_exit(0); # the watcher is gone
    }
    $offset += $written;
  }
}

sub errno_name {
  my ($name) = grep { $!{$_} } keys %!;
  return defined $name ? $name : 'E' . ($! + 0);
}

sub close_reader {
  my ($fd) = @_;
  my ($job) = @{ delete $readers{$fd} };
  POSIX::close($fd);
  vec($mask, $fd, 1) = 0;
  $job->{open}--;
  send_frame('Z', $job->{id}) if $job->{open} == 0 && !$job->{dropped} && !$job->{failed};
  delete $jobs{$job->{id}} if $job->{open} == 0 && $job->{reaped};
}

sub read_output {
  my ($fd) = @_;
  my ($job, $type) = @{ $readers{$fd} };
  # POSIX::read returns "0 but true" at the end of the pipe, undef on an error.
  my $read = POSIX::read($fd, my $data, 65536);
  return if !defined $read && ($!{EINTR} || $!{EAGAIN});
  if (!defined $read || $read == 0) { close_reader($fd); return; }
  send_frame($type, $job->{id}, $data) unless $job->{dropped};
}

sub set_environment {
  my ($variables) = @_;
  for my $name (keys %$last) {
    if (exists $base{$name}) { $ENV{$name} = $base{$name} } else { delete $ENV{$name} }
  }
  $ENV{$_} = $variables->{$_} for keys %$variables;
  $last = $variables;
}

# In a child whose exec failed: say why on the failures pipe, and exit.
sub exec_failed {
  my ($what) = @_;
  syswrite($failures_w, POSIX::getpid() . "\0" . errno_name() . "\0$what: $!\n");
  POSIX::_exit(127);
}

sub start_job {
  my ($id, @variables) = @_;
  my ($out_r, $out_w) = POSIX::pipe();
  my ($err_r, $err_w) = defined($out_r) ? POSIX::pipe() : ();
  unless (defined $err_r) {
    send_frame('F', $id, errno_name() . "\0pipe: $!");
    POSIX::close($_) for grep { defined } $out_r, $out_w;
    return;
  }
  set_environment({ map { split(/=/, $_, 2) } @variables });
  my $pid = fork();
  if (!defined $pid) {
    send_frame('F', $id, errno_name() . "\0fork: $!");
    POSIX::close($_) for $out_r, $out_w, $err_r, $err_w;
    return;
  }
  if ($pid == 0) {
    # As little as possible between fork and exec: every page this child writes is copied.
    # (The SIGCHLD handler needs no reset: exec resets handled signals, not ignored ones.)
    POSIX::sigprocmask(POSIX::SIG_SETMASK(), $no_signals);
    POSIX::setsid();
    defined(POSIX::dup2($null, 0)) && defined(POSIX::dup2($out_w, 1)) && defined(POSIX::dup2($err_w, 2)) or exec_failed('dup2');
    # Perl's own handles are close-on-exec; the raw descriptors are not: close them all.
    POSIX::close($_) for $out_r, $out_w, $err_r, $err_w, $null, keys %readers;
    if ($cwd ne '') { chdir($cwd) or exec_failed("chdir $cwd") }
    { exec { '/bin/sh' } '/bin/sh', '-c', $command; }
    exec_failed('spawn /bin/sh');
  }
  POSIX::close($out_w);
  POSIX::close($err_w);
  my $job = { id => $id, pid => $pid, open => 2 };
  $jobs{$id} = $job;
  $by_pid{$pid} = $job;
  $readers{$out_r} = [$job, 'O'];
  $readers{$err_r} = [$job, 'E'];
  vec($mask, $_, 1) = 1 for $out_r, $err_r;
  send_frame('S', $id, pack('N', $pid));
}

sub drop_output {
  my ($id) = @_;
  my $job = $jobs{$id} or return;
  $job->{dropped} = 1;
  for my $fd (keys %readers) { close_reader($fd) if $readers{$fd}[0] == $job }
}

sub read_failures {
  for (;;) {
    my $read = sysread($failures_r, $failures, 4096, length($failures));
    last unless $read;
  }
  while ($failures =~ s/^(\d+)\0([^\n]*)\n//) { $failed{$1} = $2 }
}

sub reap {
  for (;;) {
    my $pid = waitpid(-1, POSIX::WNOHANG());
    last if $pid <= 0;
    my $status = $?;
    my $job = delete $by_pid{$pid} or next;
    $job->{reaped} = 1;
    # A child that could not exec wrote why before it exited: it is in the pipe now.
    read_failures() if ($status >> 8) == 127;
    if (defined(my $failure = delete $failed{$pid})) {
      $job->{failed} = 1;
      send_frame('F', $job->{id}, $failure);
      for my $fd (keys %readers) { close_reader($fd) if $readers{$fd}[0] == $job }
    } elsif ($status & 127) {
      send_frame('X', $job->{id}, pack('l>l>', -1, $status & 127));
    } else {
      send_frame('X', $job->{id}, pack('l>l>', $status >> 8, 0));
    }
    delete $jobs{$job->{id}} if $job->{open} == 0;
  }
}

sub handle_input {
  while (length($input) >= 4) {
    my $length = unpack('N', $input);
    last if length($input) < 4 + $length;
    my $payload = substr($input, 4, $length);
    substr($input, 0, 4 + $length) = '';
    my ($type, @fields) = split(/\0/, $payload, -1);
    if ($type eq 'B') {
      ($command, $cwd, my @environment) = @fields;
      %base = map { split(/=/, $_, 2) } @environment;
      %ENV = %base;
    } elsif ($type eq 'R') {
      start_job(@fields);
    } elsif ($type eq 'C') {
      drop_output($fields[0]);
    }
  }
}

for (;;) {
  my $ready = select(my $got = $mask, undef, undef, %by_pid ? 0.05 : undef);
  if ($ready > 0) {
    sysread($wake_r, my $ignored, 4096) if vec($got, fileno($wake_r), 1);
    for my $fd (keys %readers) {
      read_output($fd) if vec($got, $fd, 1) && exists $readers{$fd};
    }
    if (vec($got, fileno(STDIN), 1)) {
      my $read = sysread(STDIN, $input, 65536, length($input));
      POSIX::_exit(0) if defined $read && $read == 0;
      handle_input() if $read;
    }
  }
  reap();
}
`;
