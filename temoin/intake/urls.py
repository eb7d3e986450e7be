from django.urls import path

from temoin.intake import views

app_name = "intake"

urlpatterns = [
    path("", views.start, name="start"),
    path("new/", views.testimony, name="new"),
    path("return/", views.come_back, name="come-back"),
    path("conversation/", views.conversation, name="conversation"),
    path("conversation/reply/", views.reply, name="reply"),
    path(
        "conversation/destroy-originals/",
        views.destroy_originals,
        name="destroy-originals",
    ),
    path("leave/", views.leave, name="leave"),
]
