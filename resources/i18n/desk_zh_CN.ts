<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="109" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="109" />
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="109" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="110" />
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="110" />
        <source>Solved</source>
        <translation>是否解决</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="111" />
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="111" />
        <source>Working days</source>
        <translation>工作日数</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="112" />
        <source>Merge into ticket</source>
        <translation>合并到工单号</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="112" />
        <source>Contacted by</source>
        <translation>联系方</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="113" />
        <source>Contacted at</source>
        <translation>联系时间</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="117" />
        <source>The problem is solved</source>
        <translation>问题已解决</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="120" />
        <source>The department</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="120" />
        <source>This station</source>
        <translation>本站</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="133" />
        <source>Please fill in “{field}”.</source>
        <translation>请填写“{field}”。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="182" />
        <source>{action}: {ticket}?</source>
        <translation>确定{action}：{ticket}？</translation>
    </message>
</context>
<context>
    <name>AllStationsProblemsPage</name>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="56" />
        <source>Fetch from the centre</source>
        <translation>从街道中心获取</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="57" />
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="57" />
        <source>Station</source>
        <translation>站点</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="57" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="57" />
        <source>Orders</source>
        <translation>工单数</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="58" />
        <source>Opened</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="60" />
        <source>Every station's register, as the central server groups it: problems that span stations first.</source>
        <translation>各站点的问题清单，由街道中心归并：跨站点的同一问题在前。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="77" />
        <source>Fetching every station's register from the central server…</source>
        <translation>正在从街道中心获取各站点的问题清单…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="87" />
        <source>This station's own register is on its page.</source>
        <translation>本站自己的问题清单仍在“问题清单”页。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="95" />
        <source>{place}: the same problem at {n} stations</source>
        <translation>{place}：{n} 个站点的同一问题</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="101" />
        <source>Why grouped: {why}</source>
        <translation>归为一组的原因：{why}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="109" />
        <source>Registered at one station only ({n})</source>
        <translation>只在一个站点登记的问题（{n}）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="115" />
        <source>Problems that span stations: {groups}; registered at one station only: {alone}.</source>
        <translation>跨站点的同一问题：{groups} 个；只在一个站点登记的问题：{alone} 个。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="117" />
        <source>No station has registered a problem yet.</source>
        <translation>还没有站点登记问题。</translation>
    </message>
</context>
<context>
    <name>AppearancePage</name>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="45" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="45" />
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="45" />
        <source>Text &amp;size</source>
        <translation>字号(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="49" />
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="50" />
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="53" />
        <source>Large text for easier reading</source>
        <translation>大字模式（便于阅读）</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <location filename="../../desk/ui/settings_calendar.py" line="26" />
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_calendar.py" line="26" />
        <source>Working day</source>
        <translation>工作日</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_calendar.py" line="26" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_calendar.py" line="27" />
        <source>&amp;Day</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_calendar.py" line="27" />
        <source>&amp;Is</source>
        <translation>该日为(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_calendar.py" line="27" />
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_calendar.py" line="31" />
        <source>a working day</source>
        <translation>工作日（调休上班）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_calendar.py" line="32" />
        <source>a day off</source>
        <translation>休息日</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_calendar.py" line="33" />
        <source>as the public calendar says (remove)</source>
        <translation>按国家日历（删除设置）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_calendar.py" line="41" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_calendar.py" line="41" />
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>CallbacksScreen</name>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="108" />
        <source>Callbacks</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="109" />
        <source>Call the resident back</source>
        <translation>回访群众</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="110" />
        <source>The &amp;resident says</source>
        <translation>群众反馈(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="113" />
        <source>Record &amp;callback</source>
        <translation>记录回访(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="114" />
        <source>Not reached, call &amp;later</source>
        <translation>未接通，稍后再拨(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="115" />
        <source>&amp;Open order</source>
        <translation>打开工单(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="118" />
        <location filename="../../desk/ui/callbacks.py" line="124" />
        <source>— ask the resident —</source>
        <translation>— 请询问群众 —</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="119" />
        <source>Solved</source>
        <translation>是否解决</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="120" />
        <source>Not solved</source>
        <translation>未解决</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="188" />
        <source>solved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="188" />
        <source>not solved</source>
        <translation>未解决</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="190" />
        <source>Department: {dep}</source>
        <translation>承办部门：{dep}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="191" />
        <source>What the department did: {result}</source>
        <translation>部门办理结果：{result}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="193" />
        <source>Call: {name} &lt;b&gt;{phone}&lt;/b&gt;</source>
        <translation>拨打：{name} &lt;b&gt;{phone}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="194" />
        <source>(no number)</source>
        <translation>（未留电话）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="195" />
        <source>Not reached so far: {n} of {limit} calls</source>
        <translation>已拨未接通：{n} / {limit} 次</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="209" />
        <source>Ask the resident whether it is solved and how satisfied they are.</source>
        <translation>请先询问群众问题是否解决及满意程度。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="226" />
        <source>Closed as not reached after {n} calls.</source>
        <translation>已拨打 {n} 次均未接通，工单按“未接通”办结。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="228" />
        <source>Recorded: not reached ({n} of {limit}).</source>
        <translation>已记录未接通（{n} / {limit} 次）。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="111" />
        <source>&amp;Satisfaction</source>
        <translation>满意度(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="112" />
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="142" />
        <source>{n} waiting</source>
        <translation>待回访 {n} 件</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="161" />
        <source>Nothing selected.</source>
        <translation>未选择工单。</translation>
    </message>
</context>
<context>
    <name>CategoriesPage</name>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="28" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="28" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="28" />
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="29" />
        <source>Accept</source>
        <translation>签收时限</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="29" />
        <source>Resolve</source>
        <translation>办结时限</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="30" />
        <source>&amp;Code</source>
        <translation>代码(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="30" />
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="30" />
        <source>Name in &amp;English</source>
        <translation>英文名称(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="31" />
        <source>&amp;Parent</source>
        <translation>上级分类(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="31" />
        <source>Default &amp;department</source>
        <translation>默认承办部门(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="32" />
        <source>Accept &amp;within</source>
        <translation>签收时限(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="32" />
        <source>&amp;Resolve within</source>
        <translation>办结时限(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="34" />
        <location filename="../../desk/ui/settings_categories.py" line="35" />
        <source>Working days (5d) or hours (4h)</source>
        <translation>工作日（如 5d）或小时（如 4h）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="36" />
        <source>Active</source>
        <translation>启用</translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="224" />
        <source>Intake by hour of day</source>
        <translation>各时段受理量</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="224" />
        <source>Intake by weekday</source>
        <translation>星期分布</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="225" />
        <source>Intake by category</source>
        <translation>分类分布</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="225" />
        <source>Intake by residential area</source>
        <translation>居民区分布</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="226" />
        <source>Open orders by age</source>
        <translation>在办工单账龄（登记后天数）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="257" />
        <source>Dashboard</source>
        <translation>数据看板</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="230" />
        <source>All stations</source>
        <translation>全部站点</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="232" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="233" />
        <source>Compute the figures again (Ctrl+R)</source>
        <translation>重新计算各项数据（Ctrl+R）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="234" />
        <source>Print this</source>
        <translation>打印本报表</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="235" />
        <source>Save the matching summary report as a PDF and open it (Ctrl+P)</source>
        <translation>将对应的汇总报表保存为 PDF 并打开（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="263" />
        <source>Click to see these orders in the work queue</source>
        <translation>点击可在工单列表中查看这些工单</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="237" />
        <source>Topic</source>
        <translation>热点</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="226" />
        <source>Intake per day, last {n} days</source>
        <translation>近 {n} 天每日受理量</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="237" />
        <location filename="../../desk/ui/dashboard_render.py" line="116" />
        <location filename="../../desk/ui/dashboard_render.py" line="121" />
        <source>Orders</source>
        <translation>工单数</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="237" />
        <source>Where</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="237" />
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="238" />
        <source>Ticket</source>
        <translation>工单号</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="238" />
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="238" />
        <location filename="../../desk/ui/dashboard.py" line="242" />
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="238" />
        <source>Resolve by</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="239" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="242" />
        <location filename="../../desk/ui/dashboard_drill.py" line="76" />
        <source>Volume</source>
        <translation>受理量</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="242" />
        <location filename="../../desk/ui/dashboard_drill.py" line="76" />
        <source>On time</source>
        <translation>按时办结率</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="242" />
        <location filename="../../desk/ui/dashboard_drill.py" line="76" />
        <source>Returns</source>
        <translation>退单数</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="243" />
        <location filename="../../desk/ui/dashboard_drill.py" line="77" />
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="244" />
        <location filename="../../desk/ui/dashboard.py" line="245" />
        <source>Show all in the queue</source>
        <translation>在工单列表中查看全部</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="248" />
        <location filename="../../desk/ui/dashboard.py" line="250" />
        <source>Dash&amp;board</source>
        <translation>数据看板(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="257" />
        <source>Dashboard · all stations</source>
        <translation>数据看板 · 全部站点</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="261" />
        <source>All-stations figures: other stations' orders are not in this desk, so a click does not open the work queue</source>
        <translation>全部站点的统计：其他站点的工单不在本机，点击不会打开工单列表</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="271" />
        <source>Figures of every station, from the central server</source>
        <translation>所有站点的数据，由中心服务器提供</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="273" />
        <source>All stations' figures come from the central server: available once a server is set up for sync</source>
        <translation>全部站点的数据来自中心服务器：设置好同步服务器后可用</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="279" />
        <source>Hot topics: the same matter in the same place ({period})</source>
        <translation>热点问题：同一地点的同类事项（{period}）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="281" />
        <source>Department league</source>
        <translation>部门排名</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="282" />
        <source>Overdue now: {n}</source>
        <translation>超期工单：{n} 件</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="284" />
        <source>Extension requests waiting: {n}</source>
        <translation>待审批延期：{n} 件</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="305" />
        <source>Fetching every station's figures for {period} from the central server…</source>
        <translation>正在从街道中心获取 {period} 全部站点的数据…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="306" />
        <source>Computing {period}…</source>
        <translation>正在计算 {period}…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="356" />
        <source>The all-stations figures could not be fetched: {reason} Showing this station's figures.</source>
        <translation>未能获取全部站点的数据：{reason} 现显示本站数据。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="52" />
        <source>all stations</source>
        <translation>全部站点</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="53" />
        <source>{period}{scope}: figures computed at {time}; compared with {previous}</source>
        <translation>{period}{scope}：数据计算于 {time}，对比上期 {previous}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="56" />
        <source>{n} of {d}</source>
        <translation>{n} / {d}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="67" />
        <source>as of {time}</source>
        <translation>截至 {time}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="69" />
        <source>comparing with the previous period…</source>
        <translation>正在与上期对比…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="102" />
        <source>Supervise</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_drill.py" line="104" />
        <location filename="../../desk/ui/dashboard_render.py" line="103" />
        <source>Supervised</source>
        <translation>督办中</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="111" />
        <source>06:00–22:00</source>
        <translation>06:00–22:00 日间</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="112" />
        <source>Quiet hours 22:00–06:00 (noise rule)</source>
        <translation>22:00–06:00 夜间（噪声管控时段）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="126" />
        <source>same address</source>
        <translation>同一地址</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="126" />
        <source>same lane</source>
        <translation>同一弄/路</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="129" />
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="129" />
        <source>Refuse</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="143" />
        <source>previous period: {previous}</source>
        <translation>上期：{previous}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="146" />
        <source>{change} points vs. previous ({previous})</source>
        <translation>较上期 {change} 个百分点（上期 {previous}）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="150" />
        <source>{change} vs. previous ({previous})</source>
        <translation>较上期 {change}（上期 {previous}）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="155" />
        <source> (up to the same time: {until})</source>
        <translation>（截至同一时刻：{until}）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_drill.py" line="31" />
        <location filename="../../desk/ui/dashboard_drill.py" line="82" />
        <location filename="../../desk/ui/dashboard_render.py" line="98" />
        <source>All-stations figures cannot be opened in this station's work queue.</source>
        <translation>全部站点的数据无法在本站工单列表中打开。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_drill.py" line="51" />
        <source>{figure}: all counted</source>
        <translation>{figure}：统计范围内全部工单</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_drill.py" line="93" />
        <source>Supervised {ticket}.</source>
        <translation>已督办 {ticket}。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_drill.py" line="94" />
        <source>Extension of {ticket} approved.</source>
        <translation>已批准 {ticket} 的延期。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_drill.py" line="95" />
        <source>Extension of {ticket} refused.</source>
        <translation>已驳回 {ticket} 的延期。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_drill.py" line="112" />
        <source>Save the summary report</source>
        <translation>保存汇总报表</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_drill.py" line="124" />
        <source>Nothing to print yet.</source>
        <translation>尚无可打印的数据。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_drill.py" line="133" />
        <source>Writing the report…</source>
        <translation>正在生成报表…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_drill.py" line="139" />
        <source>Saved the report ({pages} pages) to {path} and opened it.</source>
        <translation>报表（共 {pages} 页）已保存到 {path} 并已打开。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_drill.py" line="140" />
        <source>Saved the report ({pages} pages) to {path}. Open it from there to print.</source>
        <translation>报表（共 {pages} 页）已保存到 {path}，请从该位置打开后打印。</translation>
    </message>
</context>
<context>
    <name>DashboardStrip</name>
    <message>
        <location filename="../../desk/ui/problems_hook.py" line="92" />
        <source>Problem register: {n} problems ({parts})</source>
        <translation>问题清单：在册 {n} 个（{parts}）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_hook.py" line="93" />
        <source>Problem register: empty. Recurring problems are found on the Problems screen.</source>
        <translation>问题清单：暂无登记。反复出现的问题可在“问题清单”页查找并登记。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_hook.py" line="94" />
        <source>Open the problem register (F10)</source>
        <translation>打开问题清单（F10）</translation>
    </message>
</context>
<context>
    <name>DepartmentsPage</name>
    <message>
        <location filename="../../desk/ui/settings_departments.py" line="24" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_departments.py" line="24" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_departments.py" line="24" />
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_departments.py" line="24" />
        <location filename="../../desk/ui/settings_departments.py" line="28" />
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_departments.py" line="25" />
        <source>&amp;Code</source>
        <translation>代码(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_departments.py" line="25" />
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_departments.py" line="25" />
        <source>Name in &amp;English</source>
        <translation>英文名称(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_departments.py" line="26" />
        <source>C&amp;ontact</source>
        <translation>联系人(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_departments.py" line="26" />
        <source>&amp;Phone</source>
        <translation>电话(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_departments.py" line="35" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_departments.py" line="35" />
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>EncryptButton</name>
    <message>
        <location filename="../../desk/ui/recovery_key.py" line="88" />
        <source>Not encrypted: encrypt now…</source>
        <translation>数据库未加密：立即加密…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_key.py" line="98" />
        <source>Encrypt the database</source>
        <translation>加密数据库</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_key.py" line="99" />
        <source>Anyone who copies this station's database or its backups can read every resident's name, phone and ID number. Encrypting makes a checked backup first and takes a few minutes for years of records. Your password, to confirm:</source>
        <translation>任何人复制本站的数据库或备份，都能看到每位居民的姓名、电话和身份证号。加密前会先做一份经过检查的备份，多年的记录需要几分钟。请输入您的密码确认：</translation>
    </message>
</context>
<context>
    <name>FailureBanner</name>
    <message>
        <location filename="../../desk/ui/failure_banner.py" line="31" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../desk/ui/first_run.py" line="46" />
        <source>Set up this desk</source>
        <translation>初始化接待台</translation>
    </message>
    <message>
        <location filename="../../desk/ui/first_run.py" line="47" />
        <source>This database is new. Enter the station's details and the first administrator account.</source>
        <translation>这是一个新数据库。请填写站点信息和第一个管理员账号。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/first_run.py" line="49" />
        <source>Station &amp;code</source>
        <translation>站点代码(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/first_run.py" line="49" />
        <source>Station &amp;name</source>
        <translation>站点名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/first_run.py" line="49" />
        <source>&amp;Phone</source>
        <translation>电话(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/first_run.py" line="50" />
        <source>&amp;Address</source>
        <translation>地址(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/first_run.py" line="50" />
        <source>Administrator &amp;user name</source>
        <translation>管理员用户名(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/first_run.py" line="51" />
        <source>&amp;Display name</source>
        <translation>显示名(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/first_run.py" line="51" />
        <source>Pass&amp;word</source>
        <translation>密码(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/first_run.py" line="52" />
        <source>&amp;Repeat password</source>
        <translation>再次输入密码(&amp;R)</translation>
    </message>
</context>
<context>
    <name>HotTopicsView</name>
    <message>
        <location filename="../../desk/ui/dashboard_tables.py" line="76" />
        <source>… {n} more: double-click to see all in the queue</source>
        <translation>…… 另有 {n} 件：双击在工单列表中查看全部</translation>
    </message>
</context>
<context>
    <name>IntakeScreen</name>
    <message>
        <location filename="../../desk/ui/intake.py" line="174" />
        <source>Intake</source>
        <translation>接待登记</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="175" />
        <source>Visitor (leave blank for anonymous)</source>
        <translation>来访人（匿名可不填）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="176" />
        <source>P&amp;hone</source>
        <translation>电话(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="176" />
        <source>Visitor &amp;name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="176" />
        <source>&amp;Channel</source>
        <translation>渠道(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="177" />
        <source>Residential &amp;area</source>
        <translation>居民区(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="177" />
        <source>Add&amp;ress</source>
        <translation>地址(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="179" />
        <source>Road / lane</source>
        <translation>路/弄</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="180" />
        <source>No.</source>
        <translation>号</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="181" />
        <source>Room</source>
        <translation>室</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="182" />
        <source>Mobile or landline; finds returning visitors</source>
        <translation>手机或固话；可查出老来访人</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="185" />
        <source>+ Matter (Ctrl+N)</source>
        <translation>+ 事项（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="186" />
        <source>Remove matter</source>
        <translation>删除事项</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="188" />
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="189" />
        <source>Save and print slip (Ctrl+Enter)</source>
        <translation>保存并打印回执（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="190" />
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="191" />
        <source>Returning visitor</source>
        <translation>老来访人</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="192" />
        <source>Open orders</source>
        <translation>未办结工单</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="193" />
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="200" />
        <source>Matter {n}</source>
        <translation>事项 {n}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="318" />
        <source>Type a phone number to see a returning visitor's orders.</source>
        <translation>输入电话号码可查看老来访人的工单。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="321" />
        <source>{name} {phone}, {address}: {n} orders so far</source>
        <translation>{name} {phone}，{address}：累计 {n} 件工单</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="322" />
        <source>(no name)</source>
        <translation>（未留姓名）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="402" />
        <location filename="../../desk/ui/intake.py" line="465" />
        <source>Saving…</source>
        <translation>保存中…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="461" />
        <source>Not saved: {n} visit(s) come back into the form once it is saved or cleared</source>
        <translation>有 {n} 次来访未保存：本表保存或清空后，它会回到表中</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="471" />
        <source>Saved: {orders}</source>
        <translation>已保存：{orders}</translation>
    </message>
</context>
<context>
    <name>KnowledgeScreen</name>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="140" />
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="141" />
        <source>Search questions and answers (Ctrl+F)</source>
        <translation>搜索问题和答复（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="142" />
        <source>All entries</source>
        <translation>全部条目</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="142" />
        <source>To review</source>
        <translation>待复核</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="142" />
        <location filename="../../desk/ui/knowledge_screen.py" line="146" />
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="143" />
        <location filename="../../desk/ui/knowledge_screen.py" line="146" />
        <source>Proposed</source>
        <translation>建议中</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="143" />
        <location filename="../../desk/ui/knowledge_screen.py" line="147" />
        <source>Retired</source>
        <translation>已下架</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="144" />
        <source>Public (printed in the guide)</source>
        <translation>公开（印入服务指南）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="145" />
        <source>Desk staff only</source>
        <translation>仅前台内部</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="148" />
        <source>New entry (Ctrl+N)</source>
        <translation>新建条目（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="149" />
        <source>Print service guide</source>
        <translation>打印服务指南</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="150" />
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="150" />
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="150" />
        <location filename="../../desk/ui/knowledge_screen.py" line="154" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="151" />
        <source>Used</source>
        <translation>使用次数</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="152" />
        <source>&amp;Question</source>
        <translation>问题(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="152" />
        <source>Other ways of asking (one a line)</source>
        <translation>其他问法（每行一条）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="153" />
        <source>&amp;Answer</source>
        <translation>答复(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="153" />
        <source>Categor&amp;y</source>
        <translation>分类(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="153" />
        <source>Departmen&amp;t</source>
        <translation>部门(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="154" />
        <source>Who may see it</source>
        <translation>可见范围</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="155" />
        <source>Valid from / until / review on</source>
        <translation>生效 / 失效 / 复核日期</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="155" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="158" />
        <source>Valid from (— : no date)</source>
        <translation>生效日期（—：不限）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="159" />
        <source>Valid until (— : no date)</source>
        <translation>失效日期（—：不限）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="160" />
        <source>Review on (— : no date)</source>
        <translation>复核日期（—：不设）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="167" />
        <location filename="../../desk/ui/knowledge_screen.py" line="170" />
        <source>proposed</source>
        <translation>建议中</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="167" />
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="167" />
        <source>review due</source>
        <translation>到期复核</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="168" />
        <source>sample, to check</source>
        <translation>示例，待核实</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="168" />
        <source>published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="169" />
        <source>retired</source>
        <translation>已下架</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="262" />
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="262" />
        <source>Propose (Ctrl+S)</source>
        <translation>提交建议（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="283" />
        <source>Sample content: check the times and prices, then save to mark it checked.</source>
        <translation>示例内容：请核实时间和价格，保存后即视为已核实。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="284" />
        <source>Expired: no longer suggested at intake. Update the dates or retire it.</source>
        <translation>已过期：接待时不再提示。请更新日期或下架。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="285" />
        <source>Its review date has come: check it and set the next one.</source>
        <translation>已到复核日期：请核实内容并设定下次复核日期。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="286" />
        <source>Proposed by a clerk: not suggested until a supervisor publishes it.</source>
        <translation>接待员提交的建议条目：站长发布后才会提示。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="288" />
        <source>Used {n} times at the desk.</source>
        <translation>前台已使用 {n} 次。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="309" />
        <source>A date is not complete: type it as 2027-01-31 or pick it in the calendar (— for none).</source>
        <translation>日期未填完整：请按 2027-01-31 的格式输入，或在日历中选择（— 表示不设）。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="317" />
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="318" />
        <source>Proposed: a supervisor will check and publish it.</source>
        <translation>已提交建议，待站长核实发布。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="331" />
        <source>Save the service guide</source>
        <translation>保存服务指南</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="353" />
        <source>Saved the service guide ({n} entries, {pages} pages) to {path} and opened it.</source>
        <translation>服务指南（{n} 条，{pages} 页）已保存到 {path} 并已打开。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="354" />
        <source>Saved the service guide ({n} entries, {pages} pages) to {path}. Open it from there to print.</source>
        <translation>服务指南（{n} 条，{pages} 页）已保存到 {path}，请从该处打开打印。</translation>
    </message>
</context>
<context>
    <name>KnowledgeTab</name>
    <message>
        <location filename="../../desk/ui/knowledge_tab.py" line="38" />
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_tab.py" line="39" />
        <source>&amp;Knowledge base</source>
        <translation>知识库(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_tab.py" line="61" />
        <source>Propose as a knowledge entry</source>
        <translation>提交为知识库条目</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_tab.py" line="66" />
        <source>Proposed knowledge entry: {question}</source>
        <translation>已提交知识库建议条目：{question}</translation>
    </message>
</context>
<context>
    <name>KnowledgeUsagePanel</name>
    <message>
        <location filename="../../desk/ui/knowledge_usage.py" line="31" />
        <source>Knowledge-base answers</source>
        <translation>知识库答复使用情况</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_usage.py" line="32" />
        <source>Answers used</source>
        <translation>常用答复</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_usage.py" line="33" />
        <source>Questions without an entry (write these next)</source>
        <translation>无条目可答的问题（建议补充）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_usage.py" line="45" />
        <source>None in this period.</source>
        <translation>本期暂无。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_usage.py" line="47" />
        <source>No consultations in this period.</source>
        <translation>本期没有未用知识库答复的咨询。</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <location filename="../../desk/ui/login.py" line="80" />
        <source>Screen locked</source>
        <translation>屏幕已锁定</translation>
    </message>
    <message>
        <location filename="../../desk/ui/login.py" line="80" />
        <source>Log in to the desk</source>
        <translation>登录接待台</translation>
    </message>
    <message>
        <location filename="../../desk/ui/login.py" line="81" />
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/login.py" line="82" />
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/login.py" line="83" />
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../desk/ui/login.py" line="83" />
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../desk/ui/login.py" line="84" />
        <source>Lost every password? Open with the recovery key…</source>
        <translation>密码全忘了？用恢复密钥打开…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desk/ui/main_window.py" line="139" />
        <source>Desk — {station}</source>
        <translation>全岗接待台 — {station}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="139" />
        <source>Desk</source>
        <translation>全岗接待台</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="141" />
        <source>Intake</source>
        <translation>接待登记</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="141" />
        <source>Work orders</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="141" />
        <source>Callbacks</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="141" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="143" />
        <source>&amp;Intake</source>
        <translation>接待登记(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="143" />
        <source>&amp;Work orders</source>
        <translation>工单(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="143" />
        <source>&amp;Callbacks</source>
        <translation>回访(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="143" />
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="145" />
        <location filename="../../desk/ui/main_window.py" line="146" />
        <source>Dash&amp;board</source>
        <translation>数据看板(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="147" />
        <source>&amp;Desk</source>
        <translation>全岗接待台(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="148" />
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="149" />
        <source>&amp;View</source>
        <translation>显示(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="150" />
        <source>&amp;Lock screen</source>
        <translation>锁定屏幕(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="151" />
        <source>Log &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="152" />
        <source>&amp;Quit</source>
        <translation>退出程序(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="156" />
        <source>&amp;Dark theme</source>
        <translation>深色主题(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="158" />
        <source>&amp;Large text</source>
        <translation>大字模式(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="161" />
        <source>User: {name} ({role})</source>
        <translation>用户：{name}（{role}）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="162" />
        <source>Not logged in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="163" />
        <source>Station: {name}</source>
        <translation>站点：{name}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="170" />
        <source>Database: {path}</source>
        <translation>数据库：{path}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="354" />
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
</context>
<context>
    <name>MatterForm</name>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="100" />
        <source>Dispatch to department</source>
        <translation>派单到部门</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="100" />
        <source>Register only</source>
        <translation>仅登记</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="101" />
        <source>Answered at desk</source>
        <translation>当场办结</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="105" />
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="105" />
        <source>Ca&amp;tegory</source>
        <translation>分类(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="105" />
        <source>&amp;Summary</source>
        <translation>事项摘要(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="106" />
        <source>Address (if not the visitor's)</source>
        <translation>事发地址（与来访人不同时）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="106" />
        <source>Deta&amp;ils</source>
        <translation>详细情况(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="107" />
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="107" />
        <source>Ne&amp;xt step</source>
        <translation>处理方式(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="108" />
        <source>De&amp;partment</source>
        <translation>部门(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="108" />
        <source>Ans&amp;wer given</source>
        <translation>答复内容(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="111" />
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="112" />
        <source>Road / lane</source>
        <translation>路/弄</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="113" />
        <source>No.</source>
        <translation>号</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="114" />
        <source>What is it about, in one line</source>
        <translation>一句话说明事项</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="181" />
        <source>If dispatched now: accepted by {accept}, resolved by {resolve}</source>
        <translation>如现在派单：{accept} 前签收，{resolve} 前办结</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="213" />
        <source>Possible duplicates at this address:</source>
        <translation>该地址可能有重复工单：</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_suggestions.py" line="69" />
        <source>Suggested category:</source>
        <translation>建议分类：</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_suggestions.py" line="71" />
        <source>Answers from the knowledge base:</source>
        <translation>知识库答复：</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problem_hint.py" line="65" />
        <source>Linked to a registered problem when saved (press again to undo):</source>
        <translation>保存时关联已登记问题（再按一次取消）：</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problem_hint.py" line="69" />
        <source>A registered problem:</source>
        <translation>已登记问题：</translation>
    </message>
</context>
<context>
    <name>MeasureDialog</name>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="44" />
        <source>Add a measure</source>
        <translation>添加措施</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="50" />
        <source>e.g. lane rule: outdoor seating moves indoors after 22:00</source>
        <translation>例如：弄规民约，22:00 后外摆一律收回</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="52" />
        <source>&amp;Date it took effect:</source>
        <translation>实施日期：(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="53" />
        <source>&amp;Measure:</source>
        <translation>措施：(&amp;M)</translation>
    </message>
</context>
<context>
    <name>OrderDetailDialog</name>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="126" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="126" />
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="126" />
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="127" />
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="127" />
        <source>Registered</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="128" />
        <source>Accept by</source>
        <translation>签收期限</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="128" />
        <source>Resolve by</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="129" />
        <source>Returned / reopened / extended</source>
        <translation>退单 / 重办 / 延期次数</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="132" />
        <source>Visitor</source>
        <translation>来访人</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="133" />
        <source>Show in full (recorded)</source>
        <translation>查看完整信息（将被记录）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="134" />
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="135" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="136" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="136" />
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="136" />
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="136" />
        <source>Reason / result</source>
        <translation>原因 / 结果</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="139" />
        <source>Work order</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="143" />
        <source>Work order {ticket}</source>
        <translation>工单 {ticket}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="147" />
        <source>overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="149" />
        <source>due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="151" />
        <source>supervised</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="169" />
        <source>solved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="169" />
        <source>not solved</source>
        <translation>未解决</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="170" />
        <source>Result: {result}</source>
        <translation>办理结果：{result}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="172" />
        <source>Satisfaction: {rating}</source>
        <translation>满意度：{rating}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="174" />
        <source>Merged into {ticket}</source>
        <translation>已合并到 {ticket}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="182" />
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
</context>
<context>
    <name>OrdersDialog</name>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="79" />
        <source>Ticket</source>
        <translation>工单号</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="79" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="79" />
        <source>Summary</source>
        <translation>事项摘要</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="80" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="80" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <location filename="../../desk/ui/queue_model.py" line="185" />
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue_model.py" line="187" />
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
</context>
<context>
    <name>PeriodChooser</name>
    <message>
        <location filename="../../desk/ui/dashboard_period.py" line="68" />
        <source>&amp;Period</source>
        <translation>统计期间(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_period.py" line="69" />
        <source>S&amp;cope</source>
        <translation>范围(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_period.py" line="70" />
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_period.py" line="70" />
        <source>Yesterday</source>
        <translation>昨日</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_period.py" line="70" />
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_period.py" line="71" />
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_period.py" line="71" />
        <source>Custom range…</source>
        <translation>自定义期间…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_period.py" line="96" />
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_period.py" line="97" />
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_period.py" line="98" />
        <source>All areas</source>
        <translation>全部居民区</translation>
    </message>
</context>
<context>
    <name>ProblemsControl</name>
    <message>
        <location filename="../../desk/ui/problems_hook.py" line="50" />
        <source>Problems</source>
        <translation>问题清单</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_hook.py" line="51" />
        <source>&amp;Problems (recurring)</source>
        <translation>问题清单（顽瘴痼疾）(&amp;P)</translation>
    </message>
</context>
<context>
    <name>ProblemsScreen</name>
    <message>
        <location filename="../../desk/ui/problems.py" line="158" />
        <source>Recurring problems</source>
        <translation>顽瘴痼疾</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="162" />
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="162" />
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="162" />
        <source>Last 90 days</source>
        <translation>近 90 天</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="162" />
        <source>Last 12 months</source>
        <translation>近 12 个月</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="163" />
        <source>Whole history (scan)</source>
        <translation>全部历史（后台扫描）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="167" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="168" />
        <source>&amp;Print the register…</source>
        <translation>打印问题清单…(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="169" />
        <source>Found</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="170" />
        <source>Register</source>
        <translation>问题清单</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="171" />
        <source>All stations</source>
        <translation>全部站点</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="173" />
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="173" />
        <location filename="../../desk/ui/problems.py" line="176" />
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="173" />
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="173" />
        <location filename="../../desk/ui/problems.py" line="177" />
        <source>Orders</source>
        <translation>工单数</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="173" />
        <source>Residents</source>
        <translation>居民</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="174" />
        <source>Came back</source>
        <translation>回潮</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="174" />
        <source>Pattern</source>
        <translation>时间特征</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="174" />
        <source>In the register</source>
        <translation>已登记</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="176" />
        <source>Problem no.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="176" />
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="176" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="176" />
        <source>Lead department</source>
        <translation>牵头部门</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="177" />
        <source>Open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="177" />
        <source>Latest</source>
        <translation>最近一件</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="178" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="178" />
        <location filename="../../desk/ui/problems.py" line="335" />
        <source>Measure</source>
        <translation>措施</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="178" />
        <source>Effect</source>
        <translation>效果（前后各 13 周）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="179" />
        <source>Show its &amp;orders</source>
        <translation>查看工单(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="180" />
        <source>&amp;Take into the register…</source>
        <translation>登记为问题…(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="181" />
        <source>Set &amp;status</source>
        <translation>设置状态(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="182" />
        <source>Add a &amp;measure…</source>
        <translation>添加措施…(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="183" />
        <source>&amp;Edit…</source>
        <translation>修改…(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="184" />
        <source>Linked o&amp;rders</source>
        <translation>关联工单(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="194" />
        <source>Suggested orders</source>
        <translation>建议关联</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="195" />
        <source>Suggested orders ({n})</source>
        <translation>建议关联（{n}）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="224" />
        <source>Looking for recurring problems…</source>
        <translation>正在查找反复出现的问题…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="239" />
        <source>Scanning the history: year {done} of {total}…</source>
        <translation>正在扫描全部历史：第 {done}/{total} 年…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="251" />
        <source>{n} recurring problems found.</source>
        <translation>找到 {n} 个反复出现的问题。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="252" />
        <source>No recurring problem stands out in this period.</source>
        <translation>这段时间没有明显反复出现的问题。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="303" />
        <source>Problem #{n} is in the register.</source>
        <translation>问题 #{n} 已登记。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="335" />
        <source>#{n}: orders per week</source>
        <translation>#{n}：每周工单数</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="368" />
        <source>Correct a measure</source>
        <translation>修改措施</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="379" />
        <source>Edit the problem</source>
        <translation>修改问题</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="394" />
        <source>Orders at {place} about the same thing that are not linked yet. Linking an order that came after the problem was solved reopens it.</source>
        <translation>{place}同类但尚未关联的工单。关联问题解决之后新来的工单，会把问题重新打开。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="397" />
        <source>Suggested for #{n}</source>
        <translation>建议关联到 #{n}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="400" />
        <source>&amp;Link to the problem</source>
        <translation>关联到此问题(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="411" />
        <source>Linked {n} orders to #{p}; it came back after being solved, so it is open again.</source>
        <translation>已将 {n} 件工单关联到 #{p}；问题在解决后又出现，已重新打开。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="413" />
        <source>Linked {n} orders to #{p}.</source>
        <translation>已将 {n} 件工单关联到 #{p}。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="422" />
        <source>Save the problem register</source>
        <translation>保存问题清单</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="439" />
        <source>Writing the register…</source>
        <translation>正在生成问题清单…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="446" />
        <source>Saved the register ({pages} pages) to {path} and opened it.</source>
        <translation>问题清单（共 {pages} 页）已保存到 {path} 并已打开。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="447" />
        <source>Saved the register ({pages} pages) to {path}. Open it from there to print.</source>
        <translation>问题清单（共 {pages} 页）已保存到 {path}，请从该位置打开后打印。</translation>
    </message>
</context>
<context>
    <name>PromoteDialog</name>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="20" />
        <source>Take into the problem register</source>
        <translation>登记到问题清单</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="24" />
        <source>(not set)</source>
        <translation>（未指定）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="29" />
        <source>&amp;Title:</source>
        <translation>标题：(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="30" />
        <source>&amp;Lead department:</source>
        <translation>牵头部门：(&amp;L)</translation>
    </message>
</context>
<context>
    <name>QueueLists</name>
    <message>
        <location filename="../../desk/ui/queue_lists.py" line="34" />
        <source>Print list (Ctrl+P)</source>
        <translation>打印列表（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue_lists.py" line="35" />
        <source>Export… (Ctrl+E)</source>
        <translation>导出…（Ctrl+E）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue_lists.py" line="57" />
        <source>{n} orders: {message}</source>
        <translation>共 {n} 件工单：{message}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue_lists.py" line="61" />
        <source>Export the list</source>
        <translation>导出列表</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue_lists.py" line="62" />
        <source>Excel workbook (*.xlsx);;CSV for Excel (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue_lists.py" line="79" />
        <source>{n} orders exported to {path} (personal data masked).</source>
        <translation>已导出 {n} 件工单到 {path}（个人信息已脱敏）。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue_lists.py" line="89" />
        <source>Work orders</source>
        <translation>工单</translation>
    </message>
</context>
<context>
    <name>QueueScreen</name>
    <message>
        <location filename="../../desk/ui/queue.py" line="120" />
        <location filename="../../desk/ui/queue.py" line="191" />
        <location filename="../../desk/ui/queue.py" line="197" />
        <source>Work orders</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="122" />
        <source>Search: ticket, phone, name, address or any words</source>
        <translation>搜索：工单号、电话、姓名、地址或任意词语</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="123" />
        <source>All orders</source>
        <translation>全部工单</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="123" />
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="123" />
        <source>Registered by me</source>
        <translation>我登记的</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="124" />
        <source>Open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="124" />
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="124" />
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="125" />
        <source>Awaiting callback</source>
        <translation>待回访</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="125" />
        <source>Supervised</source>
        <translation>督办中</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="126" />
        <source>Extension requested</source>
        <translation>延期待审批</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="134" />
        <location filename="../../desk/ui/queue.py" line="152" />
        <source>(any)</source>
        <translation>（全部）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="142" />
        <source>&amp;Status</source>
        <translation>状态(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="142" />
        <source>&amp;Department</source>
        <translation>部门(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="142" />
        <source>&amp;Category</source>
        <translation>分类(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="143" />
        <source>&amp;Area</source>
        <translation>居民区(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="143" />
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="143" />
        <source>C&amp;hannel</source>
        <translation>渠道(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="144" />
        <source>&amp;From</source>
        <translation>起始日期(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="144" />
        <source>&amp;To</source>
        <translation>截止日期(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="146" />
        <source>Reset filters</source>
        <translation>重置筛选</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="213" />
        <source>{n} orders</source>
        <translation>共 {n} 件</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <location filename="../../desk/ui/recovery_key.py" line="40" />
        <source>Recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_key.py" line="41" />
        <source>The station's database and its backups are now encrypted. Staff unlock them by logging in as usual. This is the station's recovery key, shown this once:</source>
        <translation>本站的数据库和备份现已加密，员工照常登录即可解锁。以下是本站的恢复密钥，只显示这一次：</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_key.py" line="43" />
        <source>Print the recovery kit and give it to the station chief to lock away. When every password is forgotten, only this key can open the data; without it and the passwords, nobody can, not even us.</source>
        <translation>请打印恢复包交给站长锁好。所有密码都忘记时，只有这把密钥能打开数据；密码和密钥都丢了，任何人（包括软件开发方）都无法打开。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_key.py" line="46" />
        <source>Save the recovery kit to print (PDF)…</source>
        <translation>保存恢复包以便打印（PDF）…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_key.py" line="47" />
        <source>I have printed or written it down</source>
        <translation>我已打印或抄写好</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_key.py" line="50" />
        <source>Save the recovery kit</source>
        <translation>保存恢复包</translation>
    </message>
</context>
<context>
    <name>RecoveryUnlockDialog</name>
    <message>
        <location filename="../../desk/ui/recovery_unlock.py" line="46" />
        <source>Open with the recovery key</source>
        <translation>用恢复密钥打开</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_unlock.py" line="47" />
        <source>When no administrator can log in any more: type the recovery key from the station's printed recovery kit (the station chief keeps it), and a new password for an administrator account. Colleagues keep their passwords.</source>
        <translation>所有管理员都无法登录时使用：输入本站打印的恢复包上的恢复密钥（由站长保管），再为一个管理员账号设置新密码。其他同事的密码不变。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_unlock.py" line="50" />
        <source>&amp;Recovery key</source>
        <translation>恢复密钥(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_unlock.py" line="50" />
        <source>&amp;Administrator</source>
        <translation>管理员账号(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_unlock.py" line="51" />
        <source>&amp;New password</source>
        <translation>新密码(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_unlock.py" line="51" />
        <source>Re&amp;peat it</source>
        <translation>再输一次(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_unlock.py" line="53" />
        <source>Open and set the password</source>
        <translation>打开并设置密码</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_unlock.py" line="58" />
        <source>Type the recovery key and the administrator's user name.</source>
        <translation>请输入恢复密钥和管理员的用户名。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_unlock.py" line="61" />
        <source>The two new passwords differ; type them again.</source>
        <translation>两次输入的新密码不一致，请重新输入。</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="76" />
        <source>Station</source>
        <translation>站点</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="76" />
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="76" />
        <source>Categories</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="77" />
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="77" />
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="77" />
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
</context>
<context>
    <name>SlipPrinting</name>
    <message>
        <location filename="../../desk/ui/slip_printing.py" line="68" />
        <source>Slip</source>
        <translation>受理回执</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <location filename="../../desk/ui/settings_staff.py" line="28" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_staff.py" line="28" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_staff.py" line="28" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_staff.py" line="28" />
        <source>Last log-in</source>
        <translation>上次登录</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_staff.py" line="29" />
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_staff.py" line="29" />
        <source>&amp;Display name</source>
        <translation>显示名(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_staff.py" line="29" />
        <source>&amp;Role</source>
        <translation>角色(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_staff.py" line="30" />
        <source>New &amp;password</source>
        <translation>新密码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_staff.py" line="32" />
        <source>Leave blank to keep the password</source>
        <translation>不修改密码请留空</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_staff.py" line="33" />
        <source>Active</source>
        <translation>启用</translation>
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <location filename="../../desk/ui/settings_station.py" line="43" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_station.py" line="43" />
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_station.py" line="43" />
        <source>Name in &amp;English</source>
        <translation>英文名称(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_station.py" line="44" />
        <source>&amp;Phone</source>
        <translation>电话(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_station.py" line="44" />
        <source>&amp;Address</source>
        <translation>地址(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_station.py" line="46" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="115" />
        <source>Sync finished: {sent} sent, {received} received</source>
        <translation>同步完成：发送 {sent} 条，收到 {received} 条</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="116" />
        <source>, {n} refused by the centre</source>
        <translation>，中心拒收 {n} 条</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="122" />
        <source>Sync failed: {reason}</source>
        <translation>同步失败：{reason}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="158" />
        <source>Syncing: sending {n} of {total}…</source>
        <translation>正在同步：已发送 {n}/{total} 条…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="160" />
        <source>Syncing: sending {n}…</source>
        <translation>正在同步：已发送 {n} 条…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="162" />
        <source>Syncing: receiving {n}…</source>
        <translation>正在同步：已收到 {n} 条…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="164" />
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="168" />
        <source>never</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="169" />
        <source>Last sync: {when}</source>
        <translation>上次同步：{when}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="172" />
        <source>{n} to send</source>
        <translation>待发送 {n} 条</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="176" />
        <source>last attempt failed</source>
        <translation>上次失败</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="178" />
        <source>{n} received rows set aside</source>
        <translation>{n} 条收到的数据已搁置</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="180" />
        <source>sync before registering (restored)</source>
        <translation>已从备份恢复，登记前请先同步</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="185" />
        <source>S&amp;ync now</source>
        <translation>立即同步(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="188" />
        <location filename="../../desk/ui/sync_control.py" line="189" />
        <source>S&amp;ync</source>
        <translation>同步(&amp;Y)</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="136" />
        <source>Sync with the central server</source>
        <translation>与街道中心同步</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="137" />
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="138" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="139" />
        <source>Retry set-aside rows</source>
        <translation>重试搁置的数据</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="140" />
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="140" />
        <source>Last successful sync</source>
        <translation>上次成功同步</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="141" />
        <source>Last attempt</source>
        <translation>上次尝试</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="141" />
        <source>Changes waiting</source>
        <translation>待发送的变更</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="142" />
        <source>Nightly sync at</source>
        <translation>每晚同步时间</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="145" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="145" />
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="145" />
        <location filename="../../desk/ui/sync_panel.py" line="149" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="146" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="146" />
        <source>Values sent</source>
        <translation>发送的内容</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="149" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="149" />
        <source>Kept value</source>
        <translation>保留的值</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="149" />
        <source>Kept from</source>
        <translation>保留值来自</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="149" />
        <source>Kept at</source>
        <translation>保留值时间</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="150" />
        <source>Overwritten value</source>
        <translation>被覆盖的值</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="150" />
        <source>Overwritten from</source>
        <translation>被覆盖值来自</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="150" />
        <source>Overwritten at</source>
        <translation>被覆盖值时间</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="151" />
        <source>Mark all as seen</source>
        <translation>全部标为已阅</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="152" />
        <source>Server settings (administrator)</source>
        <translation>服务器设置（管理员）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="153" />
        <source>Server &amp;address</source>
        <translation>服务器地址(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="153" />
        <source>&amp;Token</source>
        <translation>令牌(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="154" />
        <source>&amp;Nightly time</source>
        <translation>每晚同步时间(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="156" />
        <source>Save server settings</source>
        <translation>保存服务器设置</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="172" />
        <source>S&amp;ync</source>
        <translation>同步(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="193" />
        <source>never</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="194" />
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="200" />
        <source>No server address or token yet: an administrator sets them on this screen.</source>
        <translation>尚未设置服务器地址或令牌：请管理员在本页设置。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="202" />
        <source>Last attempt failed: {reason}</source>
        <translation>上次同步失败：{reason}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="207" />
        <source>Restored from a backup: registering waits until a sync has checked the ticket numbers.</source>
        <translation>已从备份恢复：同步核对工单号之后才能登记。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="209" />
        <source>{n} rows received from the centre could not be applied here and are set aside:</source>
        <translation>从中心收到的 {n} 条数据本机无法应用，已搁置：</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="212" />
        <source>Retry or discard: desk sync --retry-held all / --discard-held TICKET</source>
        <translation>重试或放弃：desk sync --retry-held all / --discard-held 工单号</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="216" />
        <source>Refused by the centre ({n})</source>
        <translation>被中心拒收的变更（{n}）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="225" />
        <source>Conflicts: values overwritten by a later edit ({n})</source>
        <translation>冲突：被较新修改覆盖的值（{n}）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="231" />
        <source>{record} (seen)</source>
        <translation>{record}（已阅）</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="254" />
        <source>Work order</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="254" />
        <source>Visit</source>
        <translation>来访</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="254" />
        <source>Visitor</source>
        <translation>来访人</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="255" />
        <source>History entry</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="255" />
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="256" />
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="256" />
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="282" />
        <source>saved; type a new one to replace it</source>
        <translation>已保存；输入新令牌可替换</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="283" />
        <source>the token the centre gave this station</source>
        <translation>中心发给本站的令牌</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="289" />
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>TablePage</name>
    <message>
        <location filename="../../desk/ui/settings_page.py" line="89" />
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_page.py" line="90" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>UnattendedSyncBox</name>
    <message>
        <location filename="../../desk/ui/settings_unattended.py" line="29" />
        <source>Unattended nightly sync</source>
        <translation>夜间无人值守同步</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_unattended.py" line="31" />
        <source>When on, the nightly sync started by the computer opens the encrypted database with no one logged in, using a machine key kept in this computer's secret store (Windows Credential Manager, GNOME Keyring). It still protects the data against a copied database or backup, a removed disk and other accounts on this computer. It does not protect against someone using this computer's logged-in station account, or a program running as it: they can ask the secret store as the sync does. Off: the sync runs only while someone is logged in to the desk.</source>
        <translation>开启后，电脑在夜间自动启动的同步无需有人登录即可打开加密数据库，所用的本机密钥保存在这台电脑的系统密钥库（Windows 凭据管理器、GNOME 密钥环）中。数据库或备份被复制、硬盘被拆走、这台电脑上的其他账号，仍然读不到数据。但它不保护：有人使用这台电脑上已登录的站点账号，或以该账号运行的程序——它们可以像同步任务一样向密钥库取得密钥。关闭时，只有在有人登录接待台期间才会同步。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_unattended.py" line="40" />
        <source>On: the machine key is in the secret store.</source>
        <translation>已开启：本机密钥保存在系统密钥库中。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_unattended.py" line="41" />
        <source>Off.</source>
        <translation>未开启。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_unattended.py" line="42" />
        <source>Turn unattended sync off</source>
        <translation>关闭无人值守同步</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_unattended.py" line="42" />
        <source>Turn unattended sync on</source>
        <translation>开启无人值守同步</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../desk/ui/errors.py" line="43" />
        <source>Something went wrong that the desk did not expect. Nothing already saved was lost. The details were written to:
{path}</source>
        <translation>接待台遇到了意外错误。已保存的内容不会丢失。详细信息已写入：
{path}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/errors.py" line="56" />
        <source>Not done</source>
        <translation>未能完成</translation>
    </message>
    <message>
        <location filename="../../desk/ui/errors.py" line="58" />
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>unsaved</name>
    <message>
        <location filename="../../desk/ui/unsaved.py" line="17" />
        <source>Unsaved visit</source>
        <translation>登记未保存</translation>
    </message>
    <message>
        <location filename="../../desk/ui/unsaved.py" line="18" />
        <source>The intake form has a visit that is not saved yet.</source>
        <translation>接待登记中有尚未保存的内容。</translation>
    </message>
    <message>
        <location filename="../../desk/ui/unsaved.py" line="21" />
        <source>Save it now, discard it, or go back to it?</source>
        <translation>现在保存、放弃，还是返回继续填写？</translation>
    </message>
    <message>
        <location filename="../../desk/ui/unsaved.py" line="22" />
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/unsaved.py" line="23" />
        <source>&amp;Discard</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/unsaved.py" line="24" />
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
</context>
</TS>