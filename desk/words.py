"""The core's own words: the names of statuses, kinds, channels, roles, actions and
permissions (`label(key)`) and the refusals every layer raises (`message(code)`).

Nothing imports this module: the words live in the catalogue (resources/locale), and this file
is where the extraction (scripts/update_translations.py) finds their keys and English.
"""

from desk.i18n import register_labels, register_messages

# Names shown for enumerations.
register_labels({
    # statuses
    "status.registered": ("登记", "Registered"),
    "status.answered": ("当场办结", "Answered at desk"),
    "status.dispatched": ("已派单", "Dispatched"),
    "status.accepted": ("已签收", "Accepted"),
    "status.in_progress": ("处理中", "In progress"),
    "status.pending": ("挂起", "Pending"),
    "status.resolved": ("已办结", "Resolved"),
    "status.called_back": ("已回访", "Called back"),
    "status.closed": ("归档", "Closed"),
    "status.merged": ("已合并", "Merged"),
    "status.voided": ("作废", "Voided"),
    # kinds
    "kind.consult": ("咨询", "Consultation"),
    "kind.help": ("求助", "Request for help"),
    "kind.complaint": ("投诉", "Complaint"),
    "kind.suggestion": ("建议", "Suggestion"),
    "kind.service": ("办事", "Service"),
    "kind.signup": ("报名", "Sign-up"),
    "kind.praise": ("表扬", "Praise"),
    # channels
    "channel.walk_in": ("来访", "Walk-in"),
    "channel.phone": ("来电", "Phone"),
    "channel.visit": ("走访", "Home visit"),
    "channel.survey": ("问卷", "Survey"),
    # urgency
    "urgency.normal": ("一般", "Normal"),
    "urgency.urgent": ("紧急", "Urgent"),
    # roles
    "role.clerk": ("接待员", "Clerk"),
    "role.supervisor": ("站长", "Supervisor"),
    "role.admin": ("管理员", "Administrator"),
    # ratings
    "rating.5": ("非常满意", "Very satisfied"),
    "rating.4": ("满意", "Satisfied"),
    "rating.3": ("基本满意", "Fairly satisfied"),
    "rating.2": ("不满意", "Dissatisfied"),
    "rating.1": ("非常不满意", "Very dissatisfied"),
    # actions and events
    "action.register": ("登记", "Register"),
    "action.answer_at_desk": ("当场办结", "Answer at desk"),
    "action.dispatch": ("派单", "Dispatch"),
    "action.redispatch": ("改派", "Re-dispatch"),
    "action.accept": ("签收", "Accept"),
    "action.start": ("开始处理", "Start work"),
    "action.pend": ("挂起", "Put on hold"),
    "action.resume": ("恢复", "Resume"),
    "action.resolve": ("办结", "Resolve"),
    "action.callback": ("回访", "Call back"),
    "action.close": ("归档", "Close"),
    "action.close_unreached": ("无法回访归档", "Close without callback"),
    "action.return": ("退单", "Return"),
    "action.contact": ("先行联系", "Contacted the resident"),
    "action.reopen": ("重办", "Reopen"),
    "action.request_extension": ("申请延期", "Request extension"),
    "action.approve_extension": ("批准延期", "Approve extension"),
    "action.refuse_extension": ("驳回延期", "Refuse extension"),
    "action.supervise": ("督办", "Supervise"),
    "action.merge": ("合并", "Merge"),
    "action.void": ("作废", "Void"),
    "action.note": ("备注", "Note"),
    "action.print": ("打印回执", "Print slip"),
    "action.reveal": ("查看个人信息", "Reveal personal data"),
    "action.central_status": ("街道变更状态", "Status set by the subdistrict"),
    "permission.reveal_personal_data": ("查看完整个人信息", "see personal data in full"),
    "permission.export_full": ("导出完整个人信息", "export personal data in full"),
    "permission.export_masked": ("导出数据", "export data"),
    "permission.view_dashboard": ("查看看板", "view the dashboard"),
    "permission.view_audit": ("查看审计日志", "view the audit log"),
    "permission.manage_reference": ("维护部门和分类", "edit departments and categories"),
    "permission.manage_staff": ("管理工作人员账号", "manage staff accounts"),
    "permission.manage_station": ("修改站点设置", "change station settings"),
    "permission.sync": ("同步", "sync"),
    "permission.backup": ("备份与恢复", "back up and restore"),
    "permission.print_reports": ("打印日报、周报、月报", "print the daily, weekly and monthly summaries"),
})


# Refusal and validation messages, with str.format fields.
register_messages({
    "not_allowed_role": (
        "{role}无权执行“{action}”。",
        "A {role} may not {action}.",
    ),
    "not_allowed_status": (
        "工单状态为“{status}”，不能执行“{action}”。",
        "“{action}” is not possible while the order is {status}.",
    ),
    "order_not_found": ("找不到工单 {ref}。", "No work order {ref}."),
    "department_not_found": ("找不到部门 {ref}。", "No department {ref}."),
    "department_inactive": ("部门“{name}”已停用。", "Department “{name}” is no longer active."),
    "category_not_found": ("找不到分类 {ref}。", "No category {ref}."),
    "area_not_found": ("找不到居民区 {ref}。", "No residential area {ref}."),
    "staff_not_found": ("找不到工作人员 {ref}。", "No staff account {ref}."),
    "required": ("请填写“{field}”。", "Please fill in “{field}”."),
    "too_long": (
        "“{field}”最多 {limit} 个字，现在有 {length} 个字。",
        "“{field}” takes at most {limit} characters; it has {length}.",
    ),
    "bad_choice": ("“{field}”的取值“{value}”无效。", "“{value}” is not a valid {field}."),
    "bad_phone": (
        "电话号码“{value}”无效：请输入 11 位手机号或带区号的固话（如 021-64331234）。",
        "“{value}” is not a valid phone number: enter an 11-digit mobile or a landline with its "
        "area code (e.g. 021-64331234).",
    ),
    "phone_extension": (
        "电话号码“{value}”带有分机号：请只填总机号码，分机号写在备注里。",
        "“{value}” has an extension: enter the main number here and the extension in the notes.",
    ),
    "bad_id_number": (
        "身份证号“{value}”无效（长度、出生日期或校验位不对）。",
        "“{value}” is not a valid ID number (length, birth date or check digit is wrong).",
    ),
    "bad_rating": ("满意度须为 1 到 5。", "The rating must be between 1 and 5."),
    "bad_days": ("天数须为 {low} 到 {high} 之间的整数。", "Days must be a whole number from {low} to {high}."),
    "bad_limit": (
        "时限“{value}”无效：请写成如 2h（小时）或 5d（工作日）。",
        "“{value}” is not a valid limit: write e.g. 2h (hours) or 5d (working days).",
    ),
    "bad_date": ("日期“{value}”无效，请写成 YYYY-MM-DD。", "“{value}” is not a date; write YYYY-MM-DD."),
    "no_matters": ("一次来访至少要登记一件事项。", "A visit needs at least one matter."),
    "merge_self": ("工单不能合并到自己。", "An order cannot be merged into itself."),
    "merge_target_closed": (
        "目标工单 {ticket} 状态为“{status}”，不能作为合并目标。",
        "Order {ticket} is {status}; it cannot take merged orders.",
    ),
    "extension_not_requested": ("该工单没有待审批的延期申请。", "This order has no extension request waiting."),
    "extension_already_requested": ("该工单已有待审批的延期申请。", "This order already has an extension request waiting."),
    "login_failed": ("用户名或密码不正确。", "Wrong user name or password."),
    "account_disabled": ("账号“{username}”已停用，请联系管理员。", "Account “{username}” is disabled; ask an administrator."),
    "account_locked": (
        "登录失败次数过多，账号已锁定至 {until}。",
        "Too many failed log-ins; the account is locked until {until}.",
    ),
    "username_taken": ("用户名“{username}”已存在。", "User name “{username}” is taken."),
    "weak_password": ("密码至少需要 {n} 个字符。", "A password needs at least {n} characters."),
    "bad_username": (
        "用户名只能包含字母、数字、点、横线和下划线（2–40 个字符）。",
        "A user name takes 2–40 letters, digits, dots, dashes or underscores.",
    ),
    "last_admin": ("不能停用或降级最后一个管理员。", "The last administrator cannot be disabled or demoted."),
    "no_station": (
        "数据库尚未初始化：请先运行 desk init 或 desk demo。",
        "The database is not set up yet: run desk init or desk demo first.",
    ),
    "already_initialised": ("数据库已经初始化过了。", "This database is already set up."),
    "bad_station_code": (
        "站点代码须为 2–8 位大写字母或数字（如 SX）。",
        "A station code takes 2–8 capital letters or digits (e.g. SX).",
    ),
    "bad_json": ("输入不是有效的 JSON：{detail}", "The input is not valid JSON: {detail}"),
    "duplicate_code": ("代码“{code}”已被使用。", "Code “{code}” is already in use."),
    "category_cycle": ("分类不能成为自己的下级。", "A category cannot sit under itself."),
    "demo_on_real_station": (
        "这个数据库属于正式站点，不能加入演示数据。请用 --db 指定另一个文件。",
        "This database belongs to a real station; demo data is not added to it. Use --db with another file.",
    ),
    "bad_text": ("“{field}”包含不可见的控制字符。", "“{field}” contains invisible control characters."),
})
