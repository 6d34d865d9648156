// Method names some object outside the project has: the public methods of
// Python's built-in types and of the classes asynchronous code most often
// holds (asyncio's futures, tasks, loops, queues, locks, streams and
// transports; threading, queue, socket, io, logging, re, datetime,
// concurrent.futures, pathlib, subprocess, selectors, json, sqlite3;
// Twisted's Deferred, Protocol and Factory; Tornado's IOLoop, RequestHandler
// and IOStream), as CPython 3.11 with Debian's Twisted and Tornado lists them.
// A call of one of these on a receiver the code does not type may be a call
// of that object's method, whatever the project defines.

const NAMES: ReadonlySet<string> = new Set(
  (
    'abort absolute accept acquire add addBoth addCallback addCallbacks addErrback addFilter addHandler addTimeout add_callback add_callback_from_signal ' +
    'add_done_callback add_future add_handler add_header add_reader add_signal_handler add_timeout add_writer append appendleft asFuture as_integer_ratio ' +
    'as_posix as_uri astimezone at_eof backup bind bit_count bit_length blobopen buildProtocol callHandlers call_at call_exception_handler call_later ' +
    'call_soon call_soon_threadsafe callback can_write_eof cancel cancelled cancelling capitalize casefold cast center chainDeferred check_etag_header ' +
    'check_xsrf_cookie chmod clear clear_all_cookies clear_cookie clear_current clear_header clear_instance close close_fd closed combine commit ' +
    'communicate compute_etag configurable_base configurable_default configure configured_class conjugate connect connect_accepted_socket connect_ex ' +
    'connect_read_pipe connect_write_pipe connectionLost connectionMade connection_lost connection_made copy count create_aggregate create_collation ' +
    'create_connection create_datagram_endpoint create_function create_future create_server create_signed_value create_task create_template_loader ' +
    'create_unix_connection create_unix_server create_window_function critical ctime current cursor cwd dataReceived data_received date debug decode ' +
    'decode_argument default default_exception_handler delete deserialize detach difference difference_update discard doStart doStop done drain dst dup ' +
    'elements empty enable_load_extension encode end endswith eof_received errback error exception execute executemany executescript exists expand ' +
    'expandtabs expanduser extend extendleft fatal feed_data feed_eof fetchall fetchmany fetchone fileno filter find findCaller findall finditer finish ' +
    'flush forProtocol format format_map fromCoroutine fromFuture from_bytes fromhex fromisocalendar fromisoformat fromkeys fromordinal fromtimestamp full ' +
    'fullmatch get getChild getEffectiveLevel getName get_argument get_arguments get_body_argument get_body_arguments get_browser_locale get_cookie ' +
    'get_coro get_current_user get_debug get_exception_handler get_extra_info get_fd_error get_inheritable get_key get_login_url get_loop get_map get_name ' +
    'get_nowait get_protocol get_query_argument get_query_arguments get_secure_cookie get_secure_cookie_key_version get_stack get_status get_task_factory ' +
    'get_template_namespace get_template_path get_user_locale get_write_buffer_limits get_write_buffer_size getaddrinfo getblocking getbuffer getlimit ' +
    'getnameinfo getpeername getsockname getsockopt gettimeout getvalue glob group groupdict groups handle hardlink_to hasHandlers head hex home index ' +
    'info initialize insert install instance interrupt intersection intersection_update isDaemon isEnabledFor isSet is_absolute is_alive is_block_device ' +
    'is_char_device is_closed is_closing is_dir is_fifo is_file is_integer is_mount is_reading is_relative_to is_reserved is_running is_set is_socket ' +
    'is_symlink isalnum isalpha isascii isatty isdecimal isdigit isdisjoint isidentifier islower isnumeric isocalendar isoformat isoweekday isprintable ' +
    'isspace issubset issuperset istitle isupper items iterdir iterdump iterencode join joinpath keys kill lchmod link_to listen ljust load_extension ' +
    'locked log logPrefix log_exception lower lstat lstrip makeConnection makeRecord make_current makefile maketrans map match mkdir modify most_common ' +
    'move_to_end notify notifyAll notify_all now on_connection_close on_finish open options owner partition patch pause pause_reading pause_writing peek ' +
    'poll pop popitem popleft post prepare print_stack put put_nowait qsize read read1 read_bytes read_from_fd read_into read_text read_until ' +
    'read_until_close read_until_regex readable readexactly reading readinto readinto1 readline readlines readlink readuntil reconfigure recv recv_into ' +
    'recvfrom recvfrom_into recvmsg recvmsg_into redirect register relative_to release remove removeFilter removeHandler remove_done_callback ' +
    'remove_handler remove_reader remove_signal_handler remove_timeout remove_writer removeprefix removesuffix rename render render_embed_css ' +
    'render_embed_js render_linked_css render_linked_js render_string replace require_setting resolve result resume_reading resume_writing reverse ' +
    'reverse_url rfind rglob rindex rjust rmdir rollback rotate rpartition rsplit rstrip run run_forever run_in_executor run_sync run_until_complete ' +
    'running samefile scanner search seek seekable select send send_error send_signal sendall sendfile sendmsg sendmsg_afalg sendto serialize set ' +
    'setDaemon setLevel setName set_authorizer set_close_callback set_cookie set_debug set_default_executor set_default_headers set_etag_header ' +
    'set_exception set_exception_handler set_header set_inheritable set_name set_nodelay set_progress_handler set_protocol set_result ' +
    'set_running_or_notify_cancel set_secure_cookie set_status set_task_factory set_trace_callback set_transport set_write_buffer_limits setblocking ' +
    'setdefault setinputsizes setlimit setoutputsize setsockopt settimeout shutdown shutdown_asyncgens shutdown_default_executor sock_accept sock_connect ' +
    'sock_recv sock_recv_into sock_recvfrom sock_recvfrom_into sock_sendall sock_sendfile sock_sendto sort span spawn_callback split split_fd splitlines ' +
    'start startFactory start_tls startswith stat static_url stop stopFactory strftime strip strptime sub submit subn subprocess_exec subprocess_shell ' +
    'subtract swapcase symlink_to symmetric_difference symmetric_difference_update task_done tell terminate time timestamp timetuple timetz title to_bytes ' +
    'tobytes today tolist toordinal toreadonly total total_seconds touch translate truncate tzname uncancel union unlink unpause unregister update ' +
    'update_handler upper utcfromtimestamp utcnow utcoffset utctimetuple values wait wait_closed wait_for warn warning weekday with_name with_stem ' +
    'with_suffix writable write write_bytes write_eof write_error write_text write_to_fd writelines writing xsrf_form_html zfill'
  ).split(' '),
);

/** Whether an object outside the project (a built-in or library type) has a method of this name. */
export function isLibraryMethodName(name: string): boolean {
  return NAMES.has(name);
}
