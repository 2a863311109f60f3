# The seed's push notification example, written anew for Chat Hooks (seed/push_notification.py runs the seed's own
# code unchanged). It sends what the seed sends, to the same users, and fixes one fault: a sender who left before the
# message was handled is named by id instead of failing the call. skygear_stand_ins.push_users prints the
# notification it would send (one JSON line). Participants must be records (hook.<name>.participants left at
# records).
#   PORT=8000 WEBHOOK_SECRET=whsec_... python3 push_hooks.py
from chat_hooks import *
from skygear_stand_ins import SkygearContainer, options as skyoptions, push_users


def alert(title, body):
    """The seed's notification: the same title and body for FCM and for APNs."""
    return {
        'fcm': {'notification': {'title': title, 'body': body}},
        'apns': {'aps': {'alert': {'title': title, 'body': body}, 'from': 'skygear', 'operation': 'notification'}},
    }


@after_message_sent
def after_message_sent_hook(message, conversation, participants):
    sender_id = current_user_id()
    members = [deserialize_record(record) for record in participants]
    sender = next((member for member in members if member.id.key == sender_id), {'username': sender_id})
    others = [member.id.key for member in members if member.id.key != sender_id]
    message = deserialize_record(message)
    text = message['body'] if 'body' in message else None
    body = sender['username'] + (": " + text if text is not None else " sent you a file.")
    container = SkygearContainer(api_key=skyoptions.masterkey, user_id=sender_id)
    push_users(container, others, alert(deserialize_record(conversation)['title'], body))


if __name__ == '__main__':
    serve()
