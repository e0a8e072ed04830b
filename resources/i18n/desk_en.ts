<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="109" />
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="109" />
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="109" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="110" />
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="110" />
        <source>Solved</source>
        <translation>Solved</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="111" />
        <source>Satisfaction</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="111" />
        <source>Working days</source>
        <translation>Working days</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="112" />
        <source>Merge into ticket</source>
        <translation>Merge into ticket</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="112" />
        <source>Contacted by</source>
        <translation>Contacted by</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="113" />
        <source>Contacted at</source>
        <translation>Contacted at</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="117" />
        <source>The problem is solved</source>
        <translation>The problem is solved</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="120" />
        <source>The department</source>
        <translation>The department</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="120" />
        <source>This station</source>
        <translation>This station</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="133" />
        <source>Please fill in “{field}”.</source>
        <translation>Please fill in “{field}”.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/action_dialog.py" line="182" />
        <source>{action}: {ticket}?</source>
        <translation>{action}: {ticket}?</translation>
    </message>
</context>
<context>
    <name>AllStationsProblemsPage</name>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="56" />
        <source>Fetch from the centre</source>
        <translation>Fetch from the centre</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="57" />
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="57" />
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="57" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="57" />
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="58" />
        <source>Opened</source>
        <translation>Opened</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="60" />
        <source>Every station's register, as the central server groups it: problems that span stations first.</source>
        <translation>Every station's register, as the central server groups it: problems that span stations first.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="77" />
        <source>Fetching every station's register from the central server…</source>
        <translation>Fetching every station's register from the central server…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="87" />
        <source>This station's own register is on its page.</source>
        <translation>This station's own register is on its page.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="95" />
        <source>{place}: the same problem at {n} stations</source>
        <translation>{place}: the same problem at {n} stations</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="101" />
        <source>Why grouped: {why}</source>
        <translation>Why grouped: {why}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="109" />
        <source>Registered at one station only ({n})</source>
        <translation>Registered at one station only ({n})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="115" />
        <source>Problems that span stations: {groups}; registered at one station only: {alone}.</source>
        <translation>Problems that span stations: {groups}; registered at one station only: {alone}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_all_stations.py" line="117" />
        <source>No station has registered a problem yet.</source>
        <translation>No station has registered a problem yet.</translation>
    </message>
</context>
<context>
    <name>AppearancePage</name>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="45" />
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="45" />
        <source>&amp;Theme</source>
        <translation>&amp;Theme</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="45" />
        <source>Text &amp;size</source>
        <translation>Text &amp;size</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="49" />
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="50" />
        <source>Dark</source>
        <translation>Dark</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="53" />
        <source>Large text for easier reading</source>
        <translation>Large text for easier reading</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <location filename="../../desk/ui/settings_calendar.py" line="26" />
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_calendar.py" line="26" />
        <source>Working day</source>
        <translation>Working day</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_calendar.py" line="26" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_calendar.py" line="27" />
        <source>&amp;Day</source>
        <translation>&amp;Day</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_calendar.py" line="27" />
        <source>&amp;Is</source>
        <translation>&amp;Is</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_calendar.py" line="27" />
        <source>&amp;Note</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_calendar.py" line="31" />
        <source>a working day</source>
        <translation>a working day</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_calendar.py" line="32" />
        <source>a day off</source>
        <translation>a day off</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_calendar.py" line="33" />
        <source>as the public calendar says (remove)</source>
        <translation>as the public calendar says (remove)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_calendar.py" line="41" />
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_calendar.py" line="41" />
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>CallbacksScreen</name>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="108" />
        <source>Callbacks</source>
        <translation>Callbacks</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="109" />
        <source>Call the resident back</source>
        <translation>Call the resident back</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="110" />
        <source>The &amp;resident says</source>
        <translation>The &amp;resident says</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="113" />
        <source>Record &amp;callback</source>
        <translation>Record &amp;callback</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="114" />
        <source>Not reached, call &amp;later</source>
        <translation>Not reached, call &amp;later</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="115" />
        <source>&amp;Open order</source>
        <translation>&amp;Open order</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="118" />
        <location filename="../../desk/ui/callbacks.py" line="124" />
        <source>— ask the resident —</source>
        <translation>— ask the resident —</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="119" />
        <source>Solved</source>
        <translation>Solved</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="120" />
        <source>Not solved</source>
        <translation>Not solved</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="188" />
        <source>solved</source>
        <translation>solved</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="188" />
        <source>not solved</source>
        <translation>not solved</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="190" />
        <source>Department: {dep}</source>
        <translation>Department: {dep}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="191" />
        <source>What the department did: {result}</source>
        <translation>What the department did: {result}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="193" />
        <source>Call: {name} &lt;b&gt;{phone}&lt;/b&gt;</source>
        <translation>Call: {name} &lt;b&gt;{phone}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="194" />
        <source>(no number)</source>
        <translation>(no number)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="195" />
        <source>Not reached so far: {n} of {limit} calls</source>
        <translation>Not reached so far: {n} of {limit} calls</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="209" />
        <source>Ask the resident whether it is solved and how satisfied they are.</source>
        <translation>Ask the resident whether it is solved and how satisfied they are.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="226" />
        <source>Closed as not reached after {n} calls.</source>
        <translation>Closed as not reached after {n} calls.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="228" />
        <source>Recorded: not reached ({n} of {limit}).</source>
        <translation>Recorded: not reached ({n} of {limit}).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="111" />
        <source>&amp;Satisfaction</source>
        <translation>&amp;Satisfaction</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="112" />
        <source>&amp;Note</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="142" />
        <source>{n} waiting</source>
        <translation>{n} waiting</translation>
    </message>
    <message>
        <location filename="../../desk/ui/callbacks.py" line="161" />
        <source>Nothing selected.</source>
        <translation>Nothing selected.</translation>
    </message>
</context>
<context>
    <name>CategoriesPage</name>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="28" />
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="28" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="28" />
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="29" />
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="29" />
        <source>Resolve</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="30" />
        <source>&amp;Code</source>
        <translation>&amp;Code</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="30" />
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="30" />
        <source>Name in &amp;English</source>
        <translation>Name in &amp;English</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="31" />
        <source>&amp;Parent</source>
        <translation>&amp;Parent</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="31" />
        <source>Default &amp;department</source>
        <translation>Default &amp;department</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="32" />
        <source>Accept &amp;within</source>
        <translation>Accept &amp;within</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="32" />
        <source>&amp;Resolve within</source>
        <translation>&amp;Resolve within</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="34" />
        <location filename="../../desk/ui/settings_categories.py" line="35" />
        <source>Working days (5d) or hours (4h)</source>
        <translation>Working days (5d) or hours (4h)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_categories.py" line="36" />
        <source>Active</source>
        <translation>Active</translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="224" />
        <source>Intake by hour of day</source>
        <translation>Intake by hour of day</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="224" />
        <source>Intake by weekday</source>
        <translation>Intake by weekday</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="225" />
        <source>Intake by category</source>
        <translation>Intake by category</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="225" />
        <source>Intake by residential area</source>
        <translation>Intake by residential area</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="226" />
        <source>Open orders by age</source>
        <translation>Open orders by age</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="257" />
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="230" />
        <source>All stations</source>
        <translation>All stations</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="232" />
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="233" />
        <source>Compute the figures again (Ctrl+R)</source>
        <translation>Compute the figures again (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="234" />
        <source>Print this</source>
        <translation>Print this</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="235" />
        <source>Save the matching summary report as a PDF and open it (Ctrl+P)</source>
        <translation>Save the matching summary report as a PDF and open it (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="263" />
        <source>Click to see these orders in the work queue</source>
        <translation>Click to see these orders in the work queue</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="237" />
        <source>Topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="226" />
        <source>Intake per day, last {n} days</source>
        <translation>Intake per day, last {n} days</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="237" />
        <location filename="../../desk/ui/dashboard_render.py" line="116" />
        <location filename="../../desk/ui/dashboard_render.py" line="121" />
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="237" />
        <source>Where</source>
        <translation>Where</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="237" />
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="238" />
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="238" />
        <source>Matter</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="238" />
        <location filename="../../desk/ui/dashboard.py" line="242" />
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="238" />
        <source>Resolve by</source>
        <translation>Resolve by</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="239" />
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="242" />
        <location filename="../../desk/ui/dashboard_drill.py" line="76" />
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="242" />
        <location filename="../../desk/ui/dashboard_drill.py" line="76" />
        <source>On time</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="242" />
        <location filename="../../desk/ui/dashboard_drill.py" line="76" />
        <source>Returns</source>
        <translation>Returns</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="243" />
        <location filename="../../desk/ui/dashboard_drill.py" line="77" />
        <source>Satisfaction</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="244" />
        <location filename="../../desk/ui/dashboard.py" line="245" />
        <source>Show all in the queue</source>
        <translation>Show all in the queue</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="248" />
        <location filename="../../desk/ui/dashboard.py" line="250" />
        <source>Dash&amp;board</source>
        <translation>Dash&amp;board</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="257" />
        <source>Dashboard · all stations</source>
        <translation>Dashboard · all stations</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="261" />
        <source>All-stations figures: other stations' orders are not in this desk, so a click does not open the work queue</source>
        <translation>All-stations figures: other stations' orders are not in this desk, so a click does not open the work queue</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="271" />
        <source>Figures of every station, from the central server</source>
        <translation>Figures of every station, from the central server</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="273" />
        <source>All stations' figures come from the central server: available once a server is set up for sync</source>
        <translation>All stations' figures come from the central server: available once a server is set up for sync</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="279" />
        <source>Hot topics: the same matter in the same place ({period})</source>
        <translation>Hot topics: the same matter in the same place ({period})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="281" />
        <source>Department league</source>
        <translation>Department league</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="282" />
        <source>Overdue now: {n}</source>
        <translation>Overdue now: {n}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="284" />
        <source>Extension requests waiting: {n}</source>
        <translation>Extension requests waiting: {n}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="305" />
        <source>Fetching every station's figures for {period} from the central server…</source>
        <translation>Fetching every station's figures for {period} from the central server…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="306" />
        <source>Computing {period}…</source>
        <translation>Computing {period}…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard.py" line="356" />
        <source>The all-stations figures could not be fetched: {reason} Showing this station's figures.</source>
        <translation>The all-stations figures could not be fetched: {reason} Showing this station's figures.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="52" />
        <source>all stations</source>
        <translation>all stations</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="53" />
        <source>{period}{scope}: figures computed at {time}; compared with {previous}</source>
        <translation>{period}{scope}: figures computed at {time}; compared with {previous}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="56" />
        <source>{n} of {d}</source>
        <translation>{n} of {d}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="67" />
        <source>as of {time}</source>
        <translation>as of {time}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="69" />
        <source>comparing with the previous period…</source>
        <translation>comparing with the previous period…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="102" />
        <source>Supervise</source>
        <translation>Supervise</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_drill.py" line="104" />
        <location filename="../../desk/ui/dashboard_render.py" line="103" />
        <source>Supervised</source>
        <translation>Supervised</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="111" />
        <source>06:00–22:00</source>
        <translation>06:00–22:00</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="112" />
        <source>Quiet hours 22:00–06:00 (noise rule)</source>
        <translation>Quiet hours 22:00–06:00 (noise rule)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="126" />
        <source>same address</source>
        <translation>same address</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="126" />
        <source>same lane</source>
        <translation>same lane</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="129" />
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="129" />
        <source>Refuse</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="143" />
        <source>previous period: {previous}</source>
        <translation>previous period: {previous}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="146" />
        <source>{change} points vs. previous ({previous})</source>
        <translation>{change} points vs. previous ({previous})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="150" />
        <source>{change} vs. previous ({previous})</source>
        <translation>{change} vs. previous ({previous})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_render.py" line="155" />
        <source> (up to the same time: {until})</source>
        <translation> (up to the same time: {until})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_drill.py" line="31" />
        <location filename="../../desk/ui/dashboard_drill.py" line="82" />
        <location filename="../../desk/ui/dashboard_render.py" line="98" />
        <source>All-stations figures cannot be opened in this station's work queue.</source>
        <translation>All-stations figures cannot be opened in this station's work queue.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_drill.py" line="51" />
        <source>{figure}: all counted</source>
        <translation>{figure}: all counted</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_drill.py" line="93" />
        <source>Supervised {ticket}.</source>
        <translation>Supervised {ticket}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_drill.py" line="94" />
        <source>Extension of {ticket} approved.</source>
        <translation>Extension of {ticket} approved.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_drill.py" line="95" />
        <source>Extension of {ticket} refused.</source>
        <translation>Extension of {ticket} refused.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_drill.py" line="112" />
        <source>Save the summary report</source>
        <translation>Save the summary report</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_drill.py" line="124" />
        <source>Nothing to print yet.</source>
        <translation>Nothing to print yet.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_drill.py" line="133" />
        <source>Writing the report…</source>
        <translation>Writing the report…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_drill.py" line="139" />
        <source>Saved the report ({pages} pages) to {path} and opened it.</source>
        <translation>Saved the report ({pages} pages) to {path} and opened it.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_drill.py" line="140" />
        <source>Saved the report ({pages} pages) to {path}. Open it from there to print.</source>
        <translation>Saved the report ({pages} pages) to {path}. Open it from there to print.</translation>
    </message>
</context>
<context>
    <name>DashboardStrip</name>
    <message>
        <location filename="../../desk/ui/problems_hook.py" line="92" />
        <source>Problem register: {n} problems ({parts})</source>
        <translation>Problem register: {n} problems ({parts})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_hook.py" line="93" />
        <source>Problem register: empty. Recurring problems are found on the Problems screen.</source>
        <translation>Problem register: empty. Recurring problems are found on the Problems screen.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_hook.py" line="94" />
        <source>Open the problem register (F10)</source>
        <translation>Open the problem register (F10)</translation>
    </message>
</context>
<context>
    <name>DepartmentsPage</name>
    <message>
        <location filename="../../desk/ui/settings_departments.py" line="24" />
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_departments.py" line="24" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_departments.py" line="24" />
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_departments.py" line="24" />
        <location filename="../../desk/ui/settings_departments.py" line="28" />
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_departments.py" line="25" />
        <source>&amp;Code</source>
        <translation>&amp;Code</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_departments.py" line="25" />
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_departments.py" line="25" />
        <source>Name in &amp;English</source>
        <translation>Name in &amp;English</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_departments.py" line="26" />
        <source>C&amp;ontact</source>
        <translation>C&amp;ontact</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_departments.py" line="26" />
        <source>&amp;Phone</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_departments.py" line="35" />
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_departments.py" line="35" />
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>EncryptButton</name>
    <message>
        <location filename="../../desk/ui/recovery_key.py" line="88" />
        <source>Not encrypted: encrypt now…</source>
        <translation>Not encrypted: encrypt now…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_key.py" line="98" />
        <source>Encrypt the database</source>
        <translation>Encrypt the database</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_key.py" line="99" />
        <source>Anyone who copies this station's database or its backups can read every resident's name, phone and ID number. Encrypting makes a checked backup first and takes a few minutes for years of records. Your password, to confirm:</source>
        <translation>Anyone who copies this station's database or its backups can read every resident's name, phone and ID number. Encrypting makes a checked backup first and takes a few minutes for years of records. Your password, to confirm:</translation>
    </message>
</context>
<context>
    <name>FailureBanner</name>
    <message>
        <location filename="../../desk/ui/failure_banner.py" line="31" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../desk/ui/first_run.py" line="46" />
        <source>Set up this desk</source>
        <translation>Set up this desk</translation>
    </message>
    <message>
        <location filename="../../desk/ui/first_run.py" line="47" />
        <source>This database is new. Enter the station's details and the first administrator account.</source>
        <translation>This database is new. Enter the station's details and the first administrator account.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/first_run.py" line="49" />
        <source>Station &amp;code</source>
        <translation>Station &amp;code</translation>
    </message>
    <message>
        <location filename="../../desk/ui/first_run.py" line="49" />
        <source>Station &amp;name</source>
        <translation>Station &amp;name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/first_run.py" line="49" />
        <source>&amp;Phone</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <location filename="../../desk/ui/first_run.py" line="50" />
        <source>&amp;Address</source>
        <translation>&amp;Address</translation>
    </message>
    <message>
        <location filename="../../desk/ui/first_run.py" line="50" />
        <source>Administrator &amp;user name</source>
        <translation>Administrator &amp;user name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/first_run.py" line="51" />
        <source>&amp;Display name</source>
        <translation>&amp;Display name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/first_run.py" line="51" />
        <source>Pass&amp;word</source>
        <translation>Pass&amp;word</translation>
    </message>
    <message>
        <location filename="../../desk/ui/first_run.py" line="52" />
        <source>&amp;Repeat password</source>
        <translation>&amp;Repeat password</translation>
    </message>
</context>
<context>
    <name>HotTopicsView</name>
    <message>
        <location filename="../../desk/ui/dashboard_tables.py" line="76" />
        <source>… {n} more: double-click to see all in the queue</source>
        <translation>… {n} more: double-click to see all in the queue</translation>
    </message>
</context>
<context>
    <name>IntakeScreen</name>
    <message>
        <location filename="../../desk/ui/intake.py" line="174" />
        <source>Intake</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="175" />
        <source>Visitor (leave blank for anonymous)</source>
        <translation>Visitor (leave blank for anonymous)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="176" />
        <source>P&amp;hone</source>
        <translation>P&amp;hone</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="176" />
        <source>Visitor &amp;name</source>
        <translation>Visitor &amp;name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="176" />
        <source>&amp;Channel</source>
        <translation>&amp;Channel</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="177" />
        <source>Residential &amp;area</source>
        <translation>Residential &amp;area</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="177" />
        <source>Add&amp;ress</source>
        <translation>Add&amp;ress</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="179" />
        <source>Road / lane</source>
        <translation>Road / lane</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="180" />
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="181" />
        <source>Room</source>
        <translation>Room</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="182" />
        <source>Mobile or landline; finds returning visitors</source>
        <translation>Mobile or landline; finds returning visitors</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="185" />
        <source>+ Matter (Ctrl+N)</source>
        <translation>+ Matter (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="186" />
        <source>Remove matter</source>
        <translation>Remove matter</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="188" />
        <source>Save (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="189" />
        <source>Save and print slip (Ctrl+Enter)</source>
        <translation>Save and print slip (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="190" />
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="191" />
        <source>Returning visitor</source>
        <translation>Returning visitor</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="192" />
        <source>Open orders</source>
        <translation>Open orders</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="193" />
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="200" />
        <source>Matter {n}</source>
        <translation>Matter {n}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="318" />
        <source>Type a phone number to see a returning visitor's orders.</source>
        <translation>Type a phone number to see a returning visitor's orders.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="321" />
        <source>{name} {phone}, {address}: {n} orders so far</source>
        <translation>{name} {phone}, {address}: {n} orders so far</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="322" />
        <source>(no name)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="402" />
        <location filename="../../desk/ui/intake.py" line="465" />
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="461" />
        <source>Not saved: {n} visit(s) come back into the form once it is saved or cleared</source>
        <translation>Not saved: {n} visit(s) come back into the form once it is saved or cleared</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake.py" line="471" />
        <source>Saved: {orders}</source>
        <translation>Saved: {orders}</translation>
    </message>
</context>
<context>
    <name>KnowledgeScreen</name>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="140" />
        <source>Knowledge base</source>
        <translation>Knowledge base</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="141" />
        <source>Search questions and answers (Ctrl+F)</source>
        <translation>Search questions and answers (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="142" />
        <source>All entries</source>
        <translation>All entries</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="142" />
        <source>To review</source>
        <translation>To review</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="142" />
        <location filename="../../desk/ui/knowledge_screen.py" line="146" />
        <source>Published</source>
        <translation>Published</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="143" />
        <location filename="../../desk/ui/knowledge_screen.py" line="146" />
        <source>Proposed</source>
        <translation>Proposed</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="143" />
        <location filename="../../desk/ui/knowledge_screen.py" line="147" />
        <source>Retired</source>
        <translation>Retired</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="144" />
        <source>Public (printed in the guide)</source>
        <translation>Public (printed in the guide)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="145" />
        <source>Desk staff only</source>
        <translation>Desk staff only</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="148" />
        <source>New entry (Ctrl+N)</source>
        <translation>New entry (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="149" />
        <source>Print service guide</source>
        <translation>Print service guide</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="150" />
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="150" />
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="150" />
        <location filename="../../desk/ui/knowledge_screen.py" line="154" />
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="151" />
        <source>Used</source>
        <translation>Used</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="152" />
        <source>&amp;Question</source>
        <translation>&amp;Question</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="152" />
        <source>Other ways of asking (one a line)</source>
        <translation>Other ways of asking (one a line)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="153" />
        <source>&amp;Answer</source>
        <translation>&amp;Answer</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="153" />
        <source>Categor&amp;y</source>
        <translation>Categor&amp;y</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="153" />
        <source>Departmen&amp;t</source>
        <translation>Departmen&amp;t</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="154" />
        <source>Who may see it</source>
        <translation>Who may see it</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="155" />
        <source>Valid from / until / review on</source>
        <translation>Valid from / until / review on</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="155" />
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="158" />
        <source>Valid from (— : no date)</source>
        <translation>Valid from (— : no date)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="159" />
        <source>Valid until (— : no date)</source>
        <translation>Valid until (— : no date)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="160" />
        <source>Review on (— : no date)</source>
        <translation>Review on (— : no date)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="167" />
        <location filename="../../desk/ui/knowledge_screen.py" line="170" />
        <source>proposed</source>
        <translation>proposed</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="167" />
        <source>expired</source>
        <translation>expired</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="167" />
        <source>review due</source>
        <translation>review due</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="168" />
        <source>sample, to check</source>
        <translation>sample, to check</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="168" />
        <source>published</source>
        <translation>published</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="169" />
        <source>retired</source>
        <translation>retired</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="262" />
        <source>Save (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="262" />
        <source>Propose (Ctrl+S)</source>
        <translation>Propose (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="283" />
        <source>Sample content: check the times and prices, then save to mark it checked.</source>
        <translation>Sample content: check the times and prices, then save to mark it checked.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="284" />
        <source>Expired: no longer suggested at intake. Update the dates or retire it.</source>
        <translation>Expired: no longer suggested at intake. Update the dates or retire it.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="285" />
        <source>Its review date has come: check it and set the next one.</source>
        <translation>Its review date has come: check it and set the next one.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="286" />
        <source>Proposed by a clerk: not suggested until a supervisor publishes it.</source>
        <translation>Proposed by a clerk: not suggested until a supervisor publishes it.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="288" />
        <source>Used {n} times at the desk.</source>
        <translation>Used {n} times at the desk.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="309" />
        <source>A date is not complete: type it as 2027-01-31 or pick it in the calendar (— for none).</source>
        <translation>A date is not complete: type it as 2027-01-31 or pick it in the calendar (— for none).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="317" />
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="318" />
        <source>Proposed: a supervisor will check and publish it.</source>
        <translation>Proposed: a supervisor will check and publish it.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="331" />
        <source>Save the service guide</source>
        <translation>Save the service guide</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="353" />
        <source>Saved the service guide ({n} entries, {pages} pages) to {path} and opened it.</source>
        <translation>Saved the service guide ({n} entries, {pages} pages) to {path} and opened it.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_screen.py" line="354" />
        <source>Saved the service guide ({n} entries, {pages} pages) to {path}. Open it from there to print.</source>
        <translation>Saved the service guide ({n} entries, {pages} pages) to {path}. Open it from there to print.</translation>
    </message>
</context>
<context>
    <name>KnowledgeTab</name>
    <message>
        <location filename="../../desk/ui/knowledge_tab.py" line="38" />
        <source>Knowledge base</source>
        <translation>Knowledge base</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_tab.py" line="39" />
        <source>&amp;Knowledge base</source>
        <translation>&amp;Knowledge base</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_tab.py" line="61" />
        <source>Propose as a knowledge entry</source>
        <translation>Propose as a knowledge entry</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_tab.py" line="66" />
        <source>Proposed knowledge entry: {question}</source>
        <translation>Proposed knowledge entry: {question}</translation>
    </message>
</context>
<context>
    <name>KnowledgeUsagePanel</name>
    <message>
        <location filename="../../desk/ui/knowledge_usage.py" line="31" />
        <source>Knowledge-base answers</source>
        <translation>Knowledge-base answers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_usage.py" line="32" />
        <source>Answers used</source>
        <translation>Answers used</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_usage.py" line="33" />
        <source>Questions without an entry (write these next)</source>
        <translation>Questions without an entry (write these next)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_usage.py" line="45" />
        <source>None in this period.</source>
        <translation>None in this period.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/knowledge_usage.py" line="47" />
        <source>No consultations in this period.</source>
        <translation>No consultations in this period.</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <location filename="../../desk/ui/login.py" line="80" />
        <source>Screen locked</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../desk/ui/login.py" line="80" />
        <source>Log in to the desk</source>
        <translation>Log in to the desk</translation>
    </message>
    <message>
        <location filename="../../desk/ui/login.py" line="81" />
        <source>&amp;User name</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/login.py" line="82" />
        <source>&amp;Password</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <location filename="../../desk/ui/login.py" line="83" />
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../desk/ui/login.py" line="83" />
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../desk/ui/login.py" line="84" />
        <source>Lost every password? Open with the recovery key…</source>
        <translation>Lost every password? Open with the recovery key…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desk/ui/main_window.py" line="139" />
        <source>Desk — {station}</source>
        <translation>Desk — {station}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="139" />
        <source>Desk</source>
        <translation>Desk</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="141" />
        <source>Intake</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="141" />
        <source>Work orders</source>
        <translation>Work orders</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="141" />
        <source>Callbacks</source>
        <translation>Callbacks</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="141" />
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="143" />
        <source>&amp;Intake</source>
        <translation>&amp;Intake</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="143" />
        <source>&amp;Work orders</source>
        <translation>&amp;Work orders</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="143" />
        <source>&amp;Callbacks</source>
        <translation>&amp;Callbacks</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="143" />
        <source>&amp;Settings</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="145" />
        <location filename="../../desk/ui/main_window.py" line="146" />
        <source>Dash&amp;board</source>
        <translation>Dash&amp;board</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="147" />
        <source>&amp;Desk</source>
        <translation>&amp;Desk</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="148" />
        <source>&amp;Go</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="149" />
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="150" />
        <source>&amp;Lock screen</source>
        <translation>&amp;Lock screen</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="151" />
        <source>Log &amp;out</source>
        <translation>Log &amp;out</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="152" />
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="156" />
        <source>&amp;Dark theme</source>
        <translation>&amp;Dark theme</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="158" />
        <source>&amp;Large text</source>
        <translation>&amp;Large text</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="161" />
        <source>User: {name} ({role})</source>
        <translation>User: {name} ({role})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="162" />
        <source>Not logged in</source>
        <translation>Not logged in</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="163" />
        <source>Station: {name}</source>
        <translation>Station: {name}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="170" />
        <source>Database: {path}</source>
        <translation>Database: {path}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="354" />
        <source>Working…</source>
        <translation>Working…</translation>
    </message>
</context>
<context>
    <name>MatterForm</name>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="100" />
        <source>Dispatch to department</source>
        <translation>Dispatch to department</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="100" />
        <source>Register only</source>
        <translation>Register only</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="101" />
        <source>Answered at desk</source>
        <translation>Answered at desk</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="105" />
        <source>&amp;Kind</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="105" />
        <source>Ca&amp;tegory</source>
        <translation>Ca&amp;tegory</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="105" />
        <source>&amp;Summary</source>
        <translation>&amp;Summary</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="106" />
        <source>Address (if not the visitor's)</source>
        <translation>Address (if not the visitor's)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="106" />
        <source>Deta&amp;ils</source>
        <translation>Deta&amp;ils</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="107" />
        <source>Urgency</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="107" />
        <source>Ne&amp;xt step</source>
        <translation>Ne&amp;xt step</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="108" />
        <source>De&amp;partment</source>
        <translation>De&amp;partment</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="108" />
        <source>Ans&amp;wer given</source>
        <translation>Ans&amp;wer given</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="111" />
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="112" />
        <source>Road / lane</source>
        <translation>Road / lane</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="113" />
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="114" />
        <source>What is it about, in one line</source>
        <translation>What is it about, in one line</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="181" />
        <source>If dispatched now: accepted by {accept}, resolved by {resolve}</source>
        <translation>If dispatched now: accepted by {accept}, resolved by {resolve}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_form.py" line="213" />
        <source>Possible duplicates at this address:</source>
        <translation>Possible duplicates at this address:</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_suggestions.py" line="69" />
        <source>Suggested category:</source>
        <translation>Suggested category:</translation>
    </message>
    <message>
        <location filename="../../desk/ui/matter_suggestions.py" line="71" />
        <source>Answers from the knowledge base:</source>
        <translation>Answers from the knowledge base:</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problem_hint.py" line="65" />
        <source>Linked to a registered problem when saved (press again to undo):</source>
        <translation>Linked to a registered problem when saved (press again to undo):</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problem_hint.py" line="69" />
        <source>A registered problem:</source>
        <translation>A registered problem:</translation>
    </message>
</context>
<context>
    <name>MeasureDialog</name>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="44" />
        <source>Add a measure</source>
        <translation>Add a measure</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="50" />
        <source>e.g. lane rule: outdoor seating moves indoors after 22:00</source>
        <translation>e.g. lane rule: outdoor seating moves indoors after 22:00</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="52" />
        <source>&amp;Date it took effect:</source>
        <translation>&amp;Date it took effect:</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="53" />
        <source>&amp;Measure:</source>
        <translation>&amp;Measure:</translation>
    </message>
</context>
<context>
    <name>OrderDetailDialog</name>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="126" />
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="126" />
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="126" />
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="127" />
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="127" />
        <source>Registered</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="128" />
        <source>Accept by</source>
        <translation>Accept by</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="128" />
        <source>Resolve by</source>
        <translation>Resolve by</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="129" />
        <source>Returned / reopened / extended</source>
        <translation>Returned / reopened / extended</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="132" />
        <source>Visitor</source>
        <translation>Visitor</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="133" />
        <source>Show in full (recorded)</source>
        <translation>Show in full (recorded)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="134" />
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="135" />
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="136" />
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="136" />
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="136" />
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="136" />
        <source>Reason / result</source>
        <translation>Reason / result</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="139" />
        <source>Work order</source>
        <translation>Work order</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="143" />
        <source>Work order {ticket}</source>
        <translation>Work order {ticket}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="147" />
        <source>overdue</source>
        <translation>overdue</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="149" />
        <source>due soon</source>
        <translation>due soon</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="151" />
        <source>supervised</source>
        <translation>supervised</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="169" />
        <source>solved</source>
        <translation>solved</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="169" />
        <source>not solved</source>
        <translation>not solved</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="170" />
        <source>Result: {result}</source>
        <translation>Result: {result}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="172" />
        <source>Satisfaction: {rating}</source>
        <translation>Satisfaction: {rating}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="174" />
        <source>Merged into {ticket}</source>
        <translation>Merged into {ticket}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/order_detail.py" line="182" />
        <source>Anonymous</source>
        <translation>Anonymous</translation>
    </message>
</context>
<context>
    <name>OrdersDialog</name>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="79" />
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="79" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="79" />
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="80" />
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="80" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <location filename="../../desk/ui/queue_model.py" line="185" />
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue_model.py" line="187" />
        <source>Due soon</source>
        <translation>Due soon</translation>
    </message>
</context>
<context>
    <name>PeriodChooser</name>
    <message>
        <location filename="../../desk/ui/dashboard_period.py" line="68" />
        <source>&amp;Period</source>
        <translation>&amp;Period</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_period.py" line="69" />
        <source>S&amp;cope</source>
        <translation>S&amp;cope</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_period.py" line="70" />
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_period.py" line="70" />
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_period.py" line="70" />
        <source>This week</source>
        <translation>This week</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_period.py" line="71" />
        <source>This month</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_period.py" line="71" />
        <source>Custom range…</source>
        <translation>Custom range…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_period.py" line="96" />
        <source>All departments</source>
        <translation>All departments</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_period.py" line="97" />
        <source>All categories</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dashboard_period.py" line="98" />
        <source>All areas</source>
        <translation>All areas</translation>
    </message>
</context>
<context>
    <name>ProblemsControl</name>
    <message>
        <location filename="../../desk/ui/problems_hook.py" line="50" />
        <source>Problems</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_hook.py" line="51" />
        <source>&amp;Problems (recurring)</source>
        <translation>&amp;Problems (recurring)</translation>
    </message>
</context>
<context>
    <name>ProblemsScreen</name>
    <message>
        <location filename="../../desk/ui/problems.py" line="158" />
        <source>Recurring problems</source>
        <translation>Recurring problems</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="162" />
        <source>Last month</source>
        <translation>Last month</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="162" />
        <source>This month</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="162" />
        <source>Last 90 days</source>
        <translation>Last 90 days</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="162" />
        <source>Last 12 months</source>
        <translation>Last 12 months</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="163" />
        <source>Whole history (scan)</source>
        <translation>Whole history (scan)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="167" />
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="168" />
        <source>&amp;Print the register…</source>
        <translation>&amp;Print the register…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="169" />
        <source>Found</source>
        <translation>Found</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="170" />
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="171" />
        <source>All stations</source>
        <translation>All stations</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="173" />
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="173" />
        <location filename="../../desk/ui/problems.py" line="176" />
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="173" />
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="173" />
        <location filename="../../desk/ui/problems.py" line="177" />
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="173" />
        <source>Residents</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="174" />
        <source>Came back</source>
        <translation>Came back</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="174" />
        <source>Pattern</source>
        <translation>Pattern</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="174" />
        <source>In the register</source>
        <translation>In the register</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="176" />
        <source>Problem no.</source>
        <translation>Problem no.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="176" />
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="176" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="176" />
        <source>Lead department</source>
        <translation>Lead department</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="177" />
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="177" />
        <source>Latest</source>
        <translation>Latest</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="178" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="178" />
        <location filename="../../desk/ui/problems.py" line="335" />
        <source>Measure</source>
        <translation>Measure</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="178" />
        <source>Effect</source>
        <translation>Effect</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="179" />
        <source>Show its &amp;orders</source>
        <translation>Show its &amp;orders</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="180" />
        <source>&amp;Take into the register…</source>
        <translation>&amp;Take into the register…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="181" />
        <source>Set &amp;status</source>
        <translation>Set &amp;status</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="182" />
        <source>Add a &amp;measure…</source>
        <translation>Add a &amp;measure…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="183" />
        <source>&amp;Edit…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="184" />
        <source>Linked o&amp;rders</source>
        <translation>Linked o&amp;rders</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="194" />
        <source>Suggested orders</source>
        <translation>Suggested orders</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="195" />
        <source>Suggested orders ({n})</source>
        <translation>Suggested orders ({n})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="224" />
        <source>Looking for recurring problems…</source>
        <translation>Looking for recurring problems…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="239" />
        <source>Scanning the history: year {done} of {total}…</source>
        <translation>Scanning the history: year {done} of {total}…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="251" />
        <source>{n} recurring problems found.</source>
        <translation>{n} recurring problems found.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="252" />
        <source>No recurring problem stands out in this period.</source>
        <translation>No recurring problem stands out in this period.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="303" />
        <source>Problem #{n} is in the register.</source>
        <translation>Problem #{n} is in the register.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="335" />
        <source>#{n}: orders per week</source>
        <translation>#{n}: orders per week</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="368" />
        <source>Correct a measure</source>
        <translation>Correct a measure</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="379" />
        <source>Edit the problem</source>
        <translation>Edit the problem</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="394" />
        <source>Orders at {place} about the same thing that are not linked yet. Linking an order that came after the problem was solved reopens it.</source>
        <translation>Orders at {place} about the same thing that are not linked yet. Linking an order that came after the problem was solved reopens it.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="397" />
        <source>Suggested for #{n}</source>
        <translation>Suggested for #{n}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="400" />
        <source>&amp;Link to the problem</source>
        <translation>&amp;Link to the problem</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="411" />
        <source>Linked {n} orders to #{p}; it came back after being solved, so it is open again.</source>
        <translation>Linked {n} orders to #{p}; it came back after being solved, so it is open again.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="413" />
        <source>Linked {n} orders to #{p}.</source>
        <translation>Linked {n} orders to #{p}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="422" />
        <source>Save the problem register</source>
        <translation>Save the problem register</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="439" />
        <source>Writing the register…</source>
        <translation>Writing the register…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="446" />
        <source>Saved the register ({pages} pages) to {path} and opened it.</source>
        <translation>Saved the register ({pages} pages) to {path} and opened it.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems.py" line="447" />
        <source>Saved the register ({pages} pages) to {path}. Open it from there to print.</source>
        <translation>Saved the register ({pages} pages) to {path}. Open it from there to print.</translation>
    </message>
</context>
<context>
    <name>PromoteDialog</name>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="20" />
        <source>Take into the problem register</source>
        <translation>Take into the problem register</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="24" />
        <source>(not set)</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="29" />
        <source>&amp;Title:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <location filename="../../desk/ui/problems_dialogs.py" line="30" />
        <source>&amp;Lead department:</source>
        <translation>&amp;Lead department:</translation>
    </message>
</context>
<context>
    <name>QueueLists</name>
    <message>
        <location filename="../../desk/ui/queue_lists.py" line="34" />
        <source>Print list (Ctrl+P)</source>
        <translation>Print list (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue_lists.py" line="35" />
        <source>Export… (Ctrl+E)</source>
        <translation>Export… (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue_lists.py" line="57" />
        <source>{n} orders: {message}</source>
        <translation>{n} orders: {message}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue_lists.py" line="61" />
        <source>Export the list</source>
        <translation>Export the list</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue_lists.py" line="62" />
        <source>Excel workbook (*.xlsx);;CSV for Excel (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV for Excel (*.csv)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue_lists.py" line="79" />
        <source>{n} orders exported to {path} (personal data masked).</source>
        <translation>{n} orders exported to {path} (personal data masked).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue_lists.py" line="89" />
        <source>Work orders</source>
        <translation>Work orders</translation>
    </message>
</context>
<context>
    <name>QueueScreen</name>
    <message>
        <location filename="../../desk/ui/queue.py" line="120" />
        <location filename="../../desk/ui/queue.py" line="191" />
        <location filename="../../desk/ui/queue.py" line="197" />
        <source>Work orders</source>
        <translation>Work orders</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="122" />
        <source>Search: ticket, phone, name, address or any words</source>
        <translation>Search: ticket, phone, name, address or any words</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="123" />
        <source>All orders</source>
        <translation>All orders</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="123" />
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="123" />
        <source>Registered by me</source>
        <translation>Registered by me</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="124" />
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="124" />
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="124" />
        <source>Due soon</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="125" />
        <source>Awaiting callback</source>
        <translation>Awaiting callback</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="125" />
        <source>Supervised</source>
        <translation>Supervised</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="126" />
        <source>Extension requested</source>
        <translation>Extension requested</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="134" />
        <location filename="../../desk/ui/queue.py" line="152" />
        <source>(any)</source>
        <translation>(any)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="142" />
        <source>&amp;Status</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="142" />
        <source>&amp;Department</source>
        <translation>&amp;Department</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="142" />
        <source>&amp;Category</source>
        <translation>&amp;Category</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="143" />
        <source>&amp;Area</source>
        <translation>&amp;Area</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="143" />
        <source>&amp;Kind</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="143" />
        <source>C&amp;hannel</source>
        <translation>C&amp;hannel</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="144" />
        <source>&amp;From</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="144" />
        <source>&amp;To</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="146" />
        <source>Reset filters</source>
        <translation>Reset filters</translation>
    </message>
    <message>
        <location filename="../../desk/ui/queue.py" line="213" />
        <source>{n} orders</source>
        <translation>{n} orders</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <location filename="../../desk/ui/recovery_key.py" line="40" />
        <source>Recovery key</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_key.py" line="41" />
        <source>The station's database and its backups are now encrypted. Staff unlock them by logging in as usual. This is the station's recovery key, shown this once:</source>
        <translation>The station's database and its backups are now encrypted. Staff unlock them by logging in as usual. This is the station's recovery key, shown this once:</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_key.py" line="43" />
        <source>Print the recovery kit and give it to the station chief to lock away. When every password is forgotten, only this key can open the data; without it and the passwords, nobody can, not even us.</source>
        <translation>Print the recovery kit and give it to the station chief to lock away. When every password is forgotten, only this key can open the data; without it and the passwords, nobody can, not even us.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_key.py" line="46" />
        <source>Save the recovery kit to print (PDF)…</source>
        <translation>Save the recovery kit to print (PDF)…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_key.py" line="47" />
        <source>I have printed or written it down</source>
        <translation>I have printed or written it down</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_key.py" line="50" />
        <source>Save the recovery kit</source>
        <translation>Save the recovery kit</translation>
    </message>
</context>
<context>
    <name>RecoveryUnlockDialog</name>
    <message>
        <location filename="../../desk/ui/recovery_unlock.py" line="46" />
        <source>Open with the recovery key</source>
        <translation>Open with the recovery key</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_unlock.py" line="47" />
        <source>When no administrator can log in any more: type the recovery key from the station's printed recovery kit (the station chief keeps it), and a new password for an administrator account. Colleagues keep their passwords.</source>
        <translation>When no administrator can log in any more: type the recovery key from the station's printed recovery kit (the station chief keeps it), and a new password for an administrator account. Colleagues keep their passwords.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_unlock.py" line="50" />
        <source>&amp;Recovery key</source>
        <translation>&amp;Recovery key</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_unlock.py" line="50" />
        <source>&amp;Administrator</source>
        <translation>&amp;Administrator</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_unlock.py" line="51" />
        <source>&amp;New password</source>
        <translation>&amp;New password</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_unlock.py" line="51" />
        <source>Re&amp;peat it</source>
        <translation>Re&amp;peat it</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_unlock.py" line="53" />
        <source>Open and set the password</source>
        <translation>Open and set the password</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_unlock.py" line="58" />
        <source>Type the recovery key and the administrator's user name.</source>
        <translation>Type the recovery key and the administrator's user name.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/recovery_unlock.py" line="61" />
        <source>The two new passwords differ; type them again.</source>
        <translation>The two new passwords differ; type them again.</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="76" />
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="76" />
        <source>Departments</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="76" />
        <source>Categories</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="77" />
        <source>Staff</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="77" />
        <source>Calendar</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_screen.py" line="77" />
        <source>Appearance</source>
        <translation>Appearance</translation>
    </message>
</context>
<context>
    <name>SlipPrinting</name>
    <message>
        <location filename="../../desk/ui/slip_printing.py" line="68" />
        <source>Slip</source>
        <translation>Slip</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <location filename="../../desk/ui/settings_staff.py" line="28" />
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_staff.py" line="28" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_staff.py" line="28" />
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_staff.py" line="28" />
        <source>Last log-in</source>
        <translation>Last log-in</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_staff.py" line="29" />
        <source>&amp;User name</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_staff.py" line="29" />
        <source>&amp;Display name</source>
        <translation>&amp;Display name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_staff.py" line="29" />
        <source>&amp;Role</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_staff.py" line="30" />
        <source>New &amp;password</source>
        <translation>New &amp;password</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_staff.py" line="32" />
        <source>Leave blank to keep the password</source>
        <translation>Leave blank to keep the password</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_staff.py" line="33" />
        <source>Active</source>
        <translation>Active</translation>
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <location filename="../../desk/ui/settings_station.py" line="43" />
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_station.py" line="43" />
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_station.py" line="43" />
        <source>Name in &amp;English</source>
        <translation>Name in &amp;English</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_station.py" line="44" />
        <source>&amp;Phone</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_station.py" line="44" />
        <source>&amp;Address</source>
        <translation>&amp;Address</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_station.py" line="46" />
        <source>Save</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="115" />
        <source>Sync finished: {sent} sent, {received} received</source>
        <translation>Sync finished: {sent} sent, {received} received</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="116" />
        <source>, {n} refused by the centre</source>
        <translation>, {n} refused by the centre</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="122" />
        <source>Sync failed: {reason}</source>
        <translation>Sync failed: {reason}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="158" />
        <source>Syncing: sending {n} of {total}…</source>
        <translation>Syncing: sending {n} of {total}…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="160" />
        <source>Syncing: sending {n}…</source>
        <translation>Syncing: sending {n}…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="162" />
        <source>Syncing: receiving {n}…</source>
        <translation>Syncing: receiving {n}…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="164" />
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="168" />
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="169" />
        <source>Last sync: {when}</source>
        <translation>Last sync: {when}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="172" />
        <source>{n} to send</source>
        <translation>{n} to send</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="176" />
        <source>last attempt failed</source>
        <translation>last attempt failed</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="178" />
        <source>{n} received rows set aside</source>
        <translation>{n} received rows set aside</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="180" />
        <source>sync before registering (restored)</source>
        <translation>sync before registering (restored)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="185" />
        <source>S&amp;ync now</source>
        <translation>S&amp;ync now</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_control.py" line="188" />
        <location filename="../../desk/ui/sync_control.py" line="189" />
        <source>S&amp;ync</source>
        <translation>S&amp;ync</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="136" />
        <source>Sync with the central server</source>
        <translation>Sync with the central server</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="137" />
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="138" />
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="139" />
        <source>Retry set-aside rows</source>
        <translation>Retry set-aside rows</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="140" />
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="140" />
        <source>Last successful sync</source>
        <translation>Last successful sync</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="141" />
        <source>Last attempt</source>
        <translation>Last attempt</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="141" />
        <source>Changes waiting</source>
        <translation>Changes waiting</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="142" />
        <source>Nightly sync at</source>
        <translation>Nightly sync at</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="145" />
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="145" />
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="145" />
        <location filename="../../desk/ui/sync_panel.py" line="149" />
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="146" />
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="146" />
        <source>Values sent</source>
        <translation>Values sent</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="149" />
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="149" />
        <source>Kept value</source>
        <translation>Kept value</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="149" />
        <source>Kept from</source>
        <translation>Kept from</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="149" />
        <source>Kept at</source>
        <translation>Kept at</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="150" />
        <source>Overwritten value</source>
        <translation>Overwritten value</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="150" />
        <source>Overwritten from</source>
        <translation>Overwritten from</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="150" />
        <source>Overwritten at</source>
        <translation>Overwritten at</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="151" />
        <source>Mark all as seen</source>
        <translation>Mark all as seen</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="152" />
        <source>Server settings (administrator)</source>
        <translation>Server settings (administrator)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="153" />
        <source>Server &amp;address</source>
        <translation>Server &amp;address</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="153" />
        <source>&amp;Token</source>
        <translation>&amp;Token</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="154" />
        <source>&amp;Nightly time</source>
        <translation>&amp;Nightly time</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="156" />
        <source>Save server settings</source>
        <translation>Save server settings</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="172" />
        <source>S&amp;ync</source>
        <translation>S&amp;ync</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="193" />
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="194" />
        <source>not set</source>
        <translation>not set</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="200" />
        <source>No server address or token yet: an administrator sets them on this screen.</source>
        <translation>No server address or token yet: an administrator sets them on this screen.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="202" />
        <source>Last attempt failed: {reason}</source>
        <translation>Last attempt failed: {reason}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="207" />
        <source>Restored from a backup: registering waits until a sync has checked the ticket numbers.</source>
        <translation>Restored from a backup: registering waits until a sync has checked the ticket numbers.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="209" />
        <source>{n} rows received from the centre could not be applied here and are set aside:</source>
        <translation>{n} rows received from the centre could not be applied here and are set aside:</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="212" />
        <source>Retry or discard: desk sync --retry-held all / --discard-held TICKET</source>
        <translation>Retry or discard: desk sync --retry-held all / --discard-held TICKET</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="216" />
        <source>Refused by the centre ({n})</source>
        <translation>Refused by the centre ({n})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="225" />
        <source>Conflicts: values overwritten by a later edit ({n})</source>
        <translation>Conflicts: values overwritten by a later edit ({n})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="231" />
        <source>{record} (seen)</source>
        <translation>{record} (seen)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="254" />
        <source>Work order</source>
        <translation>Work order</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="254" />
        <source>Visit</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="254" />
        <source>Visitor</source>
        <translation>Visitor</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="255" />
        <source>History entry</source>
        <translation>History entry</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="255" />
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="256" />
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="256" />
        <source>Staff</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="282" />
        <source>saved; type a new one to replace it</source>
        <translation>saved; type a new one to replace it</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="283" />
        <source>the token the centre gave this station</source>
        <translation>the token the centre gave this station</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="289" />
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>TablePage</name>
    <message>
        <location filename="../../desk/ui/settings_page.py" line="89" />
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_page.py" line="90" />
        <source>Save</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>UnattendedSyncBox</name>
    <message>
        <location filename="../../desk/ui/settings_unattended.py" line="29" />
        <source>Unattended nightly sync</source>
        <translation>Unattended nightly sync</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_unattended.py" line="31" />
        <source>When on, the nightly sync started by the computer opens the encrypted database with no one logged in, using a machine key kept in this computer's secret store (Windows Credential Manager, GNOME Keyring). It still protects the data against a copied database or backup, a removed disk and other accounts on this computer. It does not protect against someone using this computer's logged-in station account, or a program running as it: they can ask the secret store as the sync does. Off: the sync runs only while someone is logged in to the desk.</source>
        <translation>When on, the nightly sync started by the computer opens the encrypted database with no one logged in, using a machine key kept in this computer's secret store (Windows Credential Manager, GNOME Keyring). It still protects the data against a copied database or backup, a removed disk and other accounts on this computer. It does not protect against someone using this computer's logged-in station account, or a program running as it: they can ask the secret store as the sync does. Off: the sync runs only while someone is logged in to the desk.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_unattended.py" line="40" />
        <source>On: the machine key is in the secret store.</source>
        <translation>On: the machine key is in the secret store.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_unattended.py" line="41" />
        <source>Off.</source>
        <translation>Off.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_unattended.py" line="42" />
        <source>Turn unattended sync off</source>
        <translation>Turn unattended sync off</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings_unattended.py" line="42" />
        <source>Turn unattended sync on</source>
        <translation>Turn unattended sync on</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../desk/ui/errors.py" line="43" />
        <source>Something went wrong that the desk did not expect. Nothing already saved was lost. The details were written to:
{path}</source>
        <translation>Something went wrong that the desk did not expect. Nothing already saved was lost. The details were written to:
{path}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/errors.py" line="56" />
        <source>Not done</source>
        <translation>Not done</translation>
    </message>
    <message>
        <location filename="../../desk/ui/errors.py" line="58" />
        <source>Unexpected error</source>
        <translation>Unexpected error</translation>
    </message>
</context>
<context>
    <name>unsaved</name>
    <message>
        <location filename="../../desk/ui/unsaved.py" line="17" />
        <source>Unsaved visit</source>
        <translation>Unsaved visit</translation>
    </message>
    <message>
        <location filename="../../desk/ui/unsaved.py" line="18" />
        <source>The intake form has a visit that is not saved yet.</source>
        <translation>The intake form has a visit that is not saved yet.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/unsaved.py" line="21" />
        <source>Save it now, discard it, or go back to it?</source>
        <translation>Save it now, discard it, or go back to it?</translation>
    </message>
    <message>
        <location filename="../../desk/ui/unsaved.py" line="22" />
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../desk/ui/unsaved.py" line="23" />
        <source>&amp;Discard</source>
        <translation>&amp;Discard</translation>
    </message>
    <message>
        <location filename="../../desk/ui/unsaved.py" line="24" />
        <source>&amp;Cancel</source>
        <translation>&amp;Cancel</translation>
    </message>
</context>
</TS>