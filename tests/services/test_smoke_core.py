from desk.services import intake, lifecycle, queries
from desk.services.dto import MatterInput, OrderFilter, VisitInput


def test_register_dispatch_and_find_by_two_character_word(store, clerk, ref):
    result = intake.register_visit(store, clerk, VisitInput(
        name="张三明", phone="13812345678", lane="陕西南路550弄", number="17",
        matters=(MatterInput(summary="公用厨房漏水", kind="complaint", category_id=ref.cat["HOUSE-LEAK"].id, dispatch=True),
                 MatterInput(summary="食堂早餐几点开门", answer="7:00 开门"))))
    leak, canteen = result.orders
    assert leak.ticket_no == "SX-20261130-0001" and leak.status == "dispatched"
    assert canteen.ticket_no == "SX-20261130-0002" and canteen.status == "answered"
    assert leak.department_name == "物业服务企业"
    assert queries.count_orders(store, clerk, OrderFilter(text="漏水")) == 1
    detail = lifecycle.perform(store, clerk, leak.ticket_no, "accept")
    assert detail.row.status == "accepted"
